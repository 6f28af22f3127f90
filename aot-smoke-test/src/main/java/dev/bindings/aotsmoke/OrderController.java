package dev.bindings.aotsmoke;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.bindings.BindingClient;
import dev.bindings.BindingRequest;
import dev.bindings.OutputBinding;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample's order route, with a {@link BindingClient} and an {@link OutputBinding}
 * bean injected, and the names of the {@link OutputBinding} beans.
 */
@RestController
class OrderController {

	private final BindingClient bindings;

	private final OutputBinding audit;

	private final ListableBeanFactory beanFactory;

	OrderController(BindingClient bindings, @Qualifier("audit") OutputBinding audit, ListableBeanFactory beanFactory) {
		this.bindings = bindings;
		this.audit = audit;
		this.beanFactory = beanFactory;
	}

	@PostMapping("/orders/{id}")
	CompletableFuture<ResponseEntity<Void>> placeOrder(@PathVariable String id,
			@RequestBody Map<String, Object> order) {
		return this.bindings
			.invokeAsync("myevent", "create", Map.of("id", id, "order", order), Map.of("partitionKey", id))
			.thenCompose((sent) -> this.audit
				.invoke(BindingRequest.of("create", ("order " + id + " placed").getBytes(StandardCharsets.UTF_8))))
			.thenApply((sent) -> ResponseEntity.accepted().build());
	}

	@GetMapping("/output-bindings")
	List<String> outputBindings() {
		return List.of(this.beanFactory.getBeanNamesForType(OutputBinding.class)).stream().sorted().toList();
	}

}
