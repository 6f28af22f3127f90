package dev.bindings.bench.input;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * (b) Route delivery of the Dapr kind: the starter posts each record of the
 * {@code bench-in} input binding to {@code POST /bench-in} on the application's own
 * server, as daprd posts to an app; the handler is what a Dapr app has, a controller
 * method taking the body. Answers {@code 200} with no body. Only in the {@code route}
 * profile, so that the output benchmarks' application, which scans this package, leaves
 * it out.
 */
@RestController
@Profile("route")
class RouteVariant {

	private final InputProbe probe;

	RouteVariant(InputProbe probe) {
		this.probe = probe;
	}

	@PostMapping("/" + InputBenchApplication.BINDING)
	void onEvent(@RequestBody byte[] body) {
		this.probe.record(body);
	}

}
