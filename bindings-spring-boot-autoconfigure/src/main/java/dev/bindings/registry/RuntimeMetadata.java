package dev.bindings.registry;

import java.util.List;

/**
 * What Dapr's metadata API reports of this application, over HTTP
 * ({@code GET /v1.0/metadata}) and gRPC ({@code GetMetadata}) alike: the app ID, the
 * runtime version and the loaded components, never their metadata values.
 *
 * @param appId the app ID
 * @param runtimeVersion the version reported as {@code runtimeVersion}
 * @param components the loaded bindings (input and output) and secret stores, in load
 * order
 */
public record RuntimeMetadata(String appId, String runtimeVersion, List<Component> components) {

	/** The capability of an input binding. */
	public static final String INPUT_BINDING = "INPUT_BINDING";

	/** The capability of an output binding. */
	public static final String OUTPUT_BINDING = "OUTPUT_BINDING";

	public RuntimeMetadata {
		components = List.copyOf(components);
	}

	/**
	 * A loaded component.
	 *
	 * @param name the component name
	 * @param type the component type
	 * @param version the component version
	 * @param capabilities for bindings {@code ["INPUT_BINDING"]},
	 * {@code ["OUTPUT_BINDING"]} or both, in that order, as daprd lists them; empty for
	 * secret stores
	 */
	public record Component(String name, String type, String version, List<String> capabilities) {

		public Component {
			capabilities = List.copyOf(capabilities);
		}

	}

}
