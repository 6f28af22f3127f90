package dev.bindings.rabbitmq;

import java.time.Duration;

import dev.bindings.InputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.component.ComponentMetadata;
import dev.bindings.registry.InputBindingFactory;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * Creates the input side of {@code bindings.rabbitmq} components: a connection of its own
 * per component, opened when the binding starts reading (the application is ready and
 * subscribed), which declares the queue, then a consumer. Unlike daprd, which declares
 * the queue at startup, a broker that cannot be reached then does not stop the
 * application: the consumer connects again every {@code reconnectWaitInSeconds}, and an
 * input side that is never subscribed never connects (the output side still declares the
 * queue at startup). Metadata: those of the output side ({@code host}, {@code queueName},
 * {@code durable}, {@code deleteWhenUnused}, {@code exclusive}, {@code maxPriority},
 * {@code ttlInSeconds}), {@code prefetchCount} (default 100; daprd's default 0 means
 * unlimited, which this starter does not offer), {@code reconnectWaitInSeconds} (default
 * 5) and this starter's own {@code requeueDelay} (how long to wait before a message the
 * application did not process is requeued or delivered again, default 1 s) and
 * {@code maxDeliveryAttempts} (default 0, no limit: a failed message is requeued until
 * the application processes it; from 1, the attempts after which it is rejected without
 * requeue, to the queue's dead-letter exchange, see {@code deadLetterExchange}).
 */
public class RabbitMqInputBindingFactory implements InputBindingFactory {

	/** How many unacknowledged messages the consumer holds unless told otherwise. */
	static final int DEFAULT_PREFETCH = 100;

	@Override
	public String type() {
		return "bindings.rabbitmq";
	}

	@Override
	public InputBinding create(ComponentDefinition component) {
		RabbitMqBindingMetadata metadata = RabbitMqBindingMetadata.parse(component.metadata());
		ComponentMetadata md = ComponentMetadata.of(component.metadata());
		int prefetch = md.getInt("prefetchCount", 0, 0, 65535,
				"can't parse prefetchCount field: a whole number from 0 to 65535");
		Duration reconnectWait = md.getPositiveDuration("reconnectWaitInSeconds", Duration.ofSeconds(5),
				"can't parse reconnectWaitInSeconds field: a whole number of seconds or a Go duration");
		Duration requeueDelay = md.getDuration("requeueDelay",
				"can't parse requeueDelay field: a Go duration or a whole number of seconds");
		int maxDeliveryAttempts = md.getInt("maxDeliveryAttempts", 0, 0, Integer.MAX_VALUE,
				"can't parse maxDeliveryAttempts field: a whole number, 0 for no limit");
		CachingConnectionFactory connectionFactory = RabbitMqOutputBindingFactory.connectionFactory(metadata,
				component.name() + "-input");
		RabbitMqInputBinding binding = new RabbitMqInputBinding(component.name(), metadata, connectionFactory,
				(prefetch > 0) ? prefetch : DEFAULT_PREFETCH,
				(requeueDelay != null && !requeueDelay.isNegative()) ? requeueDelay : Duration.ofSeconds(1),
				maxDeliveryAttempts, reconnectWait);
		return binding;
	}

}
