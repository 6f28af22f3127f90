package dev.bindings.kafka;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Customizes the producer factory of each {@code bindings.kafka} component before its
 * producer is created. Beans of this type are applied in order.
 */
@FunctionalInterface
public interface KafkaBindingProducerFactoryCustomizer {

	/**
	 * Customize the producer factory of a component.
	 * @param componentName the component name
	 * @param producerFactory the producer factory
	 */
	void customize(String componentName, DefaultKafkaProducerFactory<byte[], byte[]> producerFactory);

}
