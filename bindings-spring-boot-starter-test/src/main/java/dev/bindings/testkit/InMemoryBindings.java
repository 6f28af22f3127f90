package dev.bindings.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.DeliveryFailedException;
import dev.bindings.OutputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.registry.InputBindingFactory;
import dev.bindings.registry.OutputBindingFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;

/**
 * In-memory bindings for tests: an {@link OutputBindingFactory} that serves every
 * component (whatever its type, when {@link #replacingAllTypes()}) or those of type
 * {@code bindings.in-memory}, and records every request. The app's real
 * {@code BindingClient} and HTTP API stay in place, so errors (unknown binding,
 * unsupported operation) are exactly those of production.
 * <p>
 * A component's operations are those of its metadata {@code operations} (comma-separated,
 * default {@code create}); by default each call answers with no content, unless told
 * otherwise with {@link #answer(String, Function)} or {@link #fail(String, String)}.
 * <p>
 * Input bindings are served in memory too ({@link #inputBindings()}): nothing reads from
 * a broker, and a test delivers events with {@link #deliver(String, Object, Map)}.
 */
public class InMemoryBindings implements OutputBindingFactory, Ordered {

	/** The type of in-memory components. */
	public static final String TYPE = "bindings.in-memory";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final boolean allTypes;

	private final Map<String, List<Invocation>> invocations = new ConcurrentHashMap<>();

	private final Map<String, Function<BindingRequest, BindingResponse>> answers = new ConcurrentHashMap<>();

	private final InMemoryInputBindings inputs;

	private InMemoryBindings(boolean allTypes) {
		this.allTypes = allTypes;
		this.inputs = new InMemoryInputBindings(allTypes);
	}

	/**
	 * The input side: in-memory input bindings for the same components (those of type
	 * {@code bindings.in-memory}, and when {@link #replacingAllTypes()} those of every
	 * type daprd reads events from), registered as a bean by the test kit.
	 * @return the input binding factory
	 */
	public InputBindingFactory inputBindings() {
		return this.inputs;
	}

	/**
	 * Deliver an event into an input binding, as if its broker or schedule had produced
	 * it, and wait until the application processed it: through the binding's
	 * {@code @BindingListener} method, or to its route on the application's server (as
	 * daprd delivers; that needs a running server, {@code RANDOM_PORT}). The data is the
	 * event's body: a {@code byte[]} as is, a {@code String} as its UTF-8 bytes, any
	 * other object as JSON, {@code null} as no bytes.
	 * @param binding the input binding's name
	 * @param data the data
	 * @param metadata the event's metadata (for Kafka, for example {@code __key})
	 * @throws DeliveryFailedException if the application did not process the event (its
	 * handler threw, its route answered other than 2xx), or the binding does not read
	 */
	public void deliver(String binding, @Nullable Object data, Map<String, String> metadata) {
		byte[] bytes;
		if (data == null) {
			bytes = new byte[0];
		}
		else if (data instanceof byte[] raw) {
			bytes = raw;
		}
		else if (data instanceof String text) {
			bytes = text.getBytes(StandardCharsets.UTF_8);
		}
		else {
			bytes = JSON.writeValueAsBytes(data);
		}
		this.inputs.deliver(binding, bytes, metadata);
	}

	/**
	 * Deliver an event without metadata ({@link #deliver(String, Object, Map)}).
	 * @param binding the input binding's name
	 * @param data the data
	 */
	public void deliver(String binding, @Nullable Object data) {
		deliver(binding, data, Map.of());
	}

	/**
	 * In-memory bindings for components of type {@code bindings.in-memory} only.
	 * @return the factory
	 */
	public static InMemoryBindings forInMemoryType() {
		return new InMemoryBindings(false);
	}

	/**
	 * In-memory bindings for every binding component, whatever its type: nothing connects
	 * to a broker.
	 * @return the factory
	 */
	public static InMemoryBindings replacingAllTypes() {
		return new InMemoryBindings(true);
	}

	/**
	 * One recorded request.
	 *
	 * @param binding the binding name
	 * @param operation the operation
	 * @param data the data bytes, or {@code null}
	 * @param metadata the request metadata
	 */
	public record Invocation(String binding, String operation, byte @Nullable [] data, Map<String, String> metadata) {

		/**
		 * The data as UTF-8 text.
		 * @return the text, or {@code null} without data
		 */
		public @Nullable String dataAsString() {
			return (this.data != null) ? new String(this.data, StandardCharsets.UTF_8) : null;
		}

		/**
		 * The data read as JSON into a type.
		 * @param <T> the type
		 * @param type the class
		 * @return the value
		 */
		public <T> T dataAs(Class<T> type) {
			return JSON.readValue(this.data, type);
		}

	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public boolean supports(ComponentDefinition component) {
		return this.allTypes || TYPE.equals(component.normalizedType());
	}

	@Override
	public OutputBinding create(ComponentDefinition component) {
		String operations = component.metadata().getOrDefault("operations", "create");
		List<String> supported = new ArrayList<>();
		for (String operation : operations.split(",")) {
			if (!operation.isBlank()) {
				supported.add(operation.trim());
			}
		}
		if (this.allTypes && !component.metadata().containsKey("operations")) {
			supported = List.of("create", "get", "delete", "list", "exec", "query", "increment", "post", "put", "patch",
					"head", "options", "trace", "close");
		}
		List<String> operationsList = List.copyOf(supported);
		String name = component.name();
		return new OutputBinding() {

			@Override
			public List<String> operations() {
				return operationsList;
			}

			@Override
			public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
				record(name, request);
				Function<BindingRequest, BindingResponse> answer = InMemoryBindings.this.answers.get(name);
				try {
					return CompletableFuture
						.completedFuture((answer != null) ? answer.apply(request) : BindingResponse.noContent());
				}
				catch (RuntimeException ex) {
					return CompletableFuture.failedFuture(ex);
				}
			}

			@Override
			public CompletableFuture<Void> ping() {
				return CompletableFuture.completedFuture(null);
			}

		};
	}

	private void record(String name, BindingRequest request) {
		this.invocations.computeIfAbsent(name, (key) -> new CopyOnWriteArrayList<>())
			.add(new Invocation(name, request.operation(), request.data(), request.metadata()));
	}

	/**
	 * The requests a binding received, in order.
	 * @param binding the binding name
	 * @return the requests
	 */
	public List<Invocation> invocations(String binding) {
		return List.copyOf(this.invocations.getOrDefault(binding, List.of()));
	}

	/**
	 * The last request a binding received.
	 * @param binding the binding name
	 * @return the request
	 * @throws AssertionError if it received none
	 */
	public Invocation lastInvocation(String binding) {
		List<Invocation> received = invocations(binding);
		if (received.isEmpty()) {
			throw new AssertionError("binding '" + binding + "' received no request");
		}
		return received.get(received.size() - 1);
	}

	/**
	 * Answer a binding's requests with a function of the request.
	 * @param binding the binding name
	 * @param answer the answer
	 */
	public void answer(String binding, Function<BindingRequest, BindingResponse> answer) {
		this.answers.put(binding, answer);
	}

	/**
	 * Make a binding's requests fail with a message (reported as Dapr's
	 * {@code error invoking output binding <name>: <message>}).
	 * @param binding the binding name
	 * @param message the reason
	 */
	public void fail(String binding, String message) {
		this.answers.put(binding, (request) -> {
			throw new IllegalStateException(message);
		});
	}

	/**
	 * Forget recorded requests and configured answers.
	 */
	public void clear() {
		this.invocations.clear();
		this.answers.clear();
	}

}
