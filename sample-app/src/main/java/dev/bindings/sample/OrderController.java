package dev.bindings.sample;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.bindings.BindingClient;
import dev.bindings.BindingRequest;
import dev.bindings.OutputBinding;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Java side of the starter: an app endpoint that sends through {@link BindingClient}
 * (objects become JSON) and one that uses the {@code audit} {@link OutputBinding} bean
 * directly.
 */
@RestController
public class OrderController {

	private final BindingClient bindings;

	private final OutputBinding audit;

	OrderController(BindingClient bindings, @Qualifier("audit") OutputBinding audit) {
		this.bindings = bindings;
		this.audit = audit;
	}

	/**
	 * Publish an order to the {@code myevent} binding, keyed by its ID, then record an
	 * audit line.
	 */
	@PostMapping("/orders/{id}")
	CompletableFuture<ResponseEntity<Void>> placeOrder(@PathVariable String id,
			@RequestBody Map<String, Object> order) {
		return this.bindings
			.invokeAsync("myevent", "create", Map.of("id", id, "order", order), Map.of("partitionKey", id))
			.thenCompose((sent) -> this.audit
				.invoke(BindingRequest.of("create", ("order " + id + " placed").getBytes(StandardCharsets.UTF_8))))
			.thenApply((sent) -> ResponseEntity.accepted().build());
	}

}
