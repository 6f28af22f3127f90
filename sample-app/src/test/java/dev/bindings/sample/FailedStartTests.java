package dev.bindings.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample run as a user runs it, in a JVM of its own: when startup fails (here a
 * component of an unknown type), the process reports why and exits, and the local Kafka
 * broker it started does not keep it alive.
 */
class FailedStartTests {

	@TempDir
	Path folder;

	@Test
	void aFailedStartExitsTheProcessAndStopsTheLocalBroker() throws Exception {
		int kafkaPort = freePort();
		Path log = this.folder.resolve("sample.log");
		Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), "-Dsample.kafka.port=" + kafkaPort,
				SampleApplication.class.getName(), "--bindings.components-path=", "--server.port=0",
				"--bindings.http.port=0", "--bindings.grpc.port=0", "--bindings.components.broken.type=bindings.nope"))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		boolean exited = process.waitFor(120, TimeUnit.SECONDS);
		if (!exited) {
			process.destroyForcibly();
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(exited).as("the process exited; its output:%n%s", output).isTrue();
		assertThat(process.exitValue()).isEqualTo(1);
		assertThat(output).contains("Local Kafka broker listening on localhost:" + kafkaPort)
			.contains("APPLICATION FAILED TO START")
			.contains("couldn't find binding broken (bindings.nope/v1)");
		try (ServerSocket socket = new ServerSocket(kafkaPort)) {
			assertThat(socket.getLocalPort()).as("the broker's port is free again").isEqualTo(kafkaPort);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
