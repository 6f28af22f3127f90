package dev.bindings.rabbitmq;

import java.security.NoSuchAlgorithmException;

import javax.net.ssl.SSLContext;

import com.rabbitmq.client.ConnectionFactory;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.OutputBindingFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;

/**
 * Creates {@code bindings.rabbitmq} bindings: one {@link CachingConnectionFactory} per
 * component, with correlated publisher confirms, and declares the component's queue at
 * startup as Dapr does, so a broker that cannot be reached fails the component.
 *
 * @see RabbitMqBindingMetadata
 * @see RabbitMqOutputBinding
 */
public class RabbitMqOutputBindingFactory implements OutputBindingFactory {

	/** How long opening a connection may take, in milliseconds. */
	static final int CONNECTION_TIMEOUT_MILLIS = 10_000;

	@Override
	public String type() {
		return "bindings.rabbitmq";
	}

	@Override
	public OutputBinding create(ComponentDefinition component) {
		RabbitMqBindingMetadata metadata = RabbitMqBindingMetadata.parse(component.metadata());
		CachingConnectionFactory connectionFactory = connectionFactory(metadata, component.name());
		connectionFactory.setPublisherConfirmType(ConfirmType.CORRELATED);
		RabbitMqOutputBinding binding = new RabbitMqOutputBinding(component.name(), metadata, connectionFactory);
		try {
			binding.declareQueue();
		}
		catch (AmqpException ex) {
			binding.close();
			throw new IllegalStateException(
					"rabbitmq binding: can't declare queue '" + metadata.queueName() + "': " + describe(ex));
		}
		return binding;
	}

	/**
	 * A connection factory for a component: its URI, TLS verified against the JVM's trust
	 * store for {@code amqps://}, a bounded connection timeout, no client-side automatic
	 * recovery (Spring AMQP reconnects).
	 * @param metadata the component metadata
	 * @param name the component name, in the connection's name
	 * @return the connection factory
	 */
	static CachingConnectionFactory connectionFactory(RabbitMqBindingMetadata metadata, String name) {
		ConnectionFactory rabbit = new ConnectionFactory();
		try {
			rabbit.setUri(metadata.uri());
		}
		catch (Exception ex) {
			// never attach the cause: its message could quote the URI
			throw new IllegalArgumentException("invalid host: not a valid AMQP URI");
		}
		if (metadata.tls()) {
			try {
				// the client's own amqps:// handling trusts every certificate
				rabbit.useSslProtocol(SSLContext.getDefault());
				rabbit.enableHostnameVerification();
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("rabbitmq binding: TLS is not available", ex);
			}
		}
		rabbit.setAutomaticRecoveryEnabled(false);
		rabbit.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory(rabbit);
		connectionFactory.setConnectionNameStrategy((factory) -> "dapr-bindings-" + name);
		return connectionFactory;
	}

	static String describe(Throwable failure) {
		StringBuilder description = new StringBuilder();
		for (Throwable current = failure; current != null; current = (current.getCause() != current)
				? current.getCause() : null) {
			String message = current.getMessage();
			if (message != null && !message.isBlank() && description.indexOf(message) < 0) {
				description.append((description.length() > 0) ? ": " : "").append(message);
			}
		}
		return (description.length() > 0) ? description.toString() : failure.getClass().getSimpleName();
	}

}
