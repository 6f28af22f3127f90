package dev.bindings.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.bindings.registry.RuntimeMetadata;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of daprd's HTTP API that Dapr clients call besides bindings:
 * {@code GET /v1.0/metadata} (the JavaScript SDK polls it before its first call),
 * {@code GET /v1.0/healthz} and {@code GET /v1.0/healthz/outbound} (the Java SDK's
 * {@code waitForSidecar}).
 */
final class DaprRuntimeHandler {

	private final DaprReply metadata;

	private final String appId;

	private final BooleanSupplier ready;

	/**
	 * Create a handler.
	 * @param metadata what the metadata endpoint reports
	 * @param ready whether the app is ready to serve bindings
	 */
	DaprRuntimeHandler(RuntimeMetadata metadata, BooleanSupplier ready) {
		this.metadata = new DaprReply(200, DaprReply.APPLICATION_JSON, metadataBody(metadata), Map.of());
		this.appId = metadata.appId();
		this.ready = ready;
	}

	private static byte[] metadataBody(RuntimeMetadata metadata) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", metadata.appId());
		body.put("runtimeVersion", metadata.runtimeVersion());
		List<Map<String, Object>> components = new ArrayList<>();
		for (RuntimeMetadata.Component component : metadata.components()) {
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
		body.put("extended", Map.of("daprRuntimeVersion", metadata.runtimeVersion()));
		return JsonMapper.builder().build().writeValueAsBytes(body);
	}

	/**
	 * Dapr's metadata endpoint, in daprd's JSON shape.
	 * @param response the response
	 * @throws IOException if the answer cannot be written
	 */
	void metadata(HttpServletResponse response) throws IOException {
		this.metadata.write(response);
	}

	/**
	 * Dapr's health endpoint: 204 when ready, and when the {@code appid} parameter, if
	 * given, is this app's ID.
	 * @param request the request
	 * @param response the response
	 * @throws IOException if the answer cannot be written
	 */
	void healthz(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String appId = request.getParameter("appid");
		if (!this.ready.getAsBoolean()) {
			DaprReply.error(500, "ERR_HEALTH_NOT_READY", "dapr is not ready: [bindings]").write(response);
		}
		else if (appId != null && !appId.isEmpty() && !appId.equals(this.appId)) {
			DaprReply.error(500, "ERR_HEALTH_APPID_NOT_MATCH", "dapr app-id does not match").write(response);
		}
		else {
			DaprReply.NO_CONTENT.write(response);
		}
	}

	/**
	 * Dapr's outbound health endpoint: 204 when ready.
	 * @param response the response
	 * @throws IOException if the answer cannot be written
	 */
	void outbound(HttpServletResponse response) throws IOException {
		if (!this.ready.getAsBoolean()) {
			DaprReply.error(500, "ERR_OUTBOUND_HEALTH_NOT_READY", "dapr outbound is not ready").write(response);
		}
		else {
			DaprReply.NO_CONTENT.write(response);
		}
	}

}
