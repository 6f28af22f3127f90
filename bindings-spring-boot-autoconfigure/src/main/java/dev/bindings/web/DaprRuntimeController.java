package dev.bindings.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of daprd's HTTP API that Dapr clients call besides bindings:
 * {@code GET /v1.0/metadata} (the JavaScript SDK polls it before its first call),
 * {@code GET /v1.0/healthz} and {@code GET /v1.0/healthz/outbound} (the Java SDK's
 * {@code waitForSidecar}).
 */
@RestController
public class DaprRuntimeController {

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final String appId;

	private final String runtimeVersion;

	private final Supplier<List<ComponentSummary>> components;

	private final BooleanSupplier ready;

	/**
	 * Create a controller.
	 * @param appId the app ID
	 * @param runtimeVersion the version reported as {@code runtimeVersion}
	 * @param components the loaded components
	 * @param ready whether the app is ready to serve bindings
	 */
	public DaprRuntimeController(String appId, String runtimeVersion, Supplier<List<ComponentSummary>> components,
			BooleanSupplier ready) {
		this.appId = appId;
		this.runtimeVersion = runtimeVersion;
		this.components = components;
		this.ready = ready;
	}

	/**
	 * Dapr's metadata endpoint.
	 * @return the metadata, in daprd's JSON shape
	 */
	@GetMapping("/v1.0/metadata")
	public ResponseEntity<byte[]> metadata() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", this.appId);
		body.put("runtimeVersion", this.runtimeVersion);
		List<Map<String, Object>> components = new ArrayList<>();
		for (ComponentSummary component : this.components.get()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", component.name());
			entry.put("type", component.type());
			entry.put("version", component.version());
			if (!component.capabilities().isEmpty()) {
				entry.put("capabilities", component.capabilities());
			}
			components.add(entry);
		}
		if (!components.isEmpty()) {
			body.put("components", components);
		}
		body.put("extended", Map.of("daprRuntimeVersion", this.runtimeVersion));
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(jsonMapper.writeValueAsBytes(body));
	}

	/**
	 * Dapr's health endpoint.
	 * @param appId an app ID to check, if given
	 * @return 204 when ready
	 */
	@GetMapping("/v1.0/healthz")
	public ResponseEntity<byte[]> healthz(@RequestParam(name = "appid", required = false) String appId) {
		if (!this.ready.getAsBoolean()) {
			return DaprBindingsController.error(HttpStatus.INTERNAL_SERVER_ERROR, "ERR_HEALTH_NOT_READY",
					"dapr is not ready: [bindings]");
		}
		if (appId != null && !appId.isEmpty() && !appId.equals(this.appId)) {
			return DaprBindingsController.error(HttpStatus.INTERNAL_SERVER_ERROR, "ERR_HEALTH_APPID_NOT_MATCH",
					"dapr app-id does not match");
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * Dapr's outbound health endpoint.
	 * @return 204 when ready
	 */
	@GetMapping("/v1.0/healthz/outbound")
	public ResponseEntity<byte[]> outbound() {
		if (!this.ready.getAsBoolean()) {
			return DaprBindingsController.error(HttpStatus.INTERNAL_SERVER_ERROR, "ERR_OUTBOUND_HEALTH_NOT_READY",
					"dapr outbound is not ready");
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * A loaded component as {@code /v1.0/metadata} lists it; never its metadata values.
	 *
	 * @param name the component name
	 * @param type the component type
	 * @param version the component version
	 * @param capabilities for output bindings {@code ["OUTPUT_BINDING"]}
	 */
	public record ComponentSummary(String name, String type, String version, List<String> capabilities) {

	}

}
