package dev.bindings.mqtt3;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * What Eclipse Paho (the client of {@code bindings.mqtt3}) reads by name, for a native
 * image: its logger and message catalog classes, their resource bundles, and its network
 * modules (a Java service, listed for the image explicitly).
 */
final class Mqtt3RuntimeHints implements RuntimeHintsRegistrar {

	private static final String PAHO = "org.eclipse.paho.client.mqttv3.";

	static final List<String> CREATED_BY_NAME = List.of(PAHO + "logging.JSR47Logger",
			PAHO + "internal.ResourceBundleCatalog", PAHO + "internal.TCPNetworkModuleFactory",
			PAHO + "internal.SSLNetworkModuleFactory", PAHO + "internal.websocket.WebSocketNetworkModuleFactory",
			PAHO + "internal.websocket.WebSocketSecureNetworkModuleFactory");

	static final List<String> RESOURCE_BUNDLES = List.of(PAHO + "internal.nls.logcat", PAHO + "internal.nls.messages");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(PAHO + "MqttAsyncClient", classLoader)) {
			return;
		}
		for (String type : CREATED_BY_NAME) {
			hints.reflection().registerTypeIfPresent(classLoader, type, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		}
		RESOURCE_BUNDLES.forEach(hints.resources()::registerResourceBundle);
		hints.resources().registerPattern("META-INF/services/" + PAHO + "spi.NetworkModuleFactory");
	}

}
