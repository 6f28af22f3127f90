package dev.bindings.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.bindings.OutputBinding;
import dev.bindings.actuate.BindingsEndpoint;
import dev.bindings.grpc.proto.DaprBindingsProtos.InvokeBindingRequest;
import dev.bindings.kafka.SkipVerifySslEngineFactory;
import dev.bindings.web.DaprErrorReportValve;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationHook;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for processing an application with the starter ahead of time (what
 * {@code spring-boot:process-aot} does), with every optional integration on the class
 * path: the processing succeeds, no component is written into the generated code, and the
 * hints cover what a native image needs. The {@code aot-smoke-test} module runs a
 * processed application.
 */
class BindingsAotProcessingTests {

	@TempDir
	Path folder;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void applicationIsProcessedWithoutItsComponents() throws IOException {
		writeComponent("folderevent", "bindings.kafka",
				Map.of("brokers", "localhost:9092", "publishTopic", "folder-topic"));
		Processed processed = process("--bindings.components-path=" + this.folder,
				"--bindings.components.inlineevent.type=bindings.kafka",
				"--bindings.components.inlineevent.metadata.brokers=localhost:9092",
				"--bindings.components.inlineevent.metadata.publishTopic=inline-topic",
				"--bindings.resiliency.policies.retries.quick.duration=10ms",
				"--bindings.resiliency.targets.components.inlineevent.outbound.retry=quick",
				"--management.health.bindings.enabled=true", "--management.endpoints.web.exposure.include=bindings");
		// the registrar ran during processing (no spring.aot.processing here), and its
		// definitions are left out of the generated code
		assertThat(processed.context()
			.getBeanFactory()
			.getBeanDefinition("folderevent")
			.getAttribute(BeanRegistrationAotProcessor.IGNORE_REGISTRATION_ATTRIBUTE)).isEqualTo(true);
		assertThat(processed.context().getBeanFactory().getBeanDefinition("inlineevent").getResolvableType().toClass())
			.isEqualTo(OutputBinding.class);
		assertThat(processed.sources()).containsKeys(
				"dev/bindings/autoconfigure/BindingsAutoConfiguration__BeanDefinitions.java",
				"dev/bindings/autoconfigure/BindingsGrpcAutoConfiguration__BeanDefinitions.java",
				"dev/bindings/autoconfigure/BindingsActuatorAutoConfiguration__BeanDefinitions.java",
				"dev/bindings/autoconfigure/BindingsResiliencyAutoConfiguration__BeanDefinitions.java",
				"dev/bindings/autoconfigure/BindingsObservabilityAutoConfiguration__BeanDefinitions.java",
				"dev/bindings/autoconfigure/BindingsWebAutoConfiguration__BeanDefinitions.java",
				"dev/bindings/redis/autoconfigure/RedisBindingsAutoConfiguration__BeanDefinitions.java");
		assertThat(processed.sources().values())
			.allSatisfy((source) -> assertThat(source).doesNotContain("folderevent", "folder-topic", "inlineevent",
					"inline-topic", this.folder.toString(), BindingsAutoConfiguration.COMPONENT_DEFINITIONS_BEAN_NAME));
		assertThat(
				processed.sources().get("dev/bindings/autoconfigure/BindingsAutoConfiguration__BeanDefinitions.java"))
			.contains("componentBeanRegistrar");
	}

	@Test
	void processingCoversWhatANativeImageReadsByReflection() throws Exception {
		RuntimeHints hints = process("--management.endpoints.web.exposure.include=bindings").hints();
		// the starter's own hints
		assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/dev-bindings.properties")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(DaprErrorReportValve.class.getConstructor())).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(SkipVerifySslEngineFactory.class.getDeclaredConstructor())).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(InvokeBindingRequest.class, "getName"))
			.accepts(hints);
		// Spring Boot's: the configuration properties, bound by reflection
		assertThat(
				RuntimeHintsPredicates.reflection().onMethodInvocation(BindingsProperties.class, "setComponentsPath"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(BindingsProperties.Component.class, "setMetadata")).accepts(hints);
		// and the endpoint's answer, written by Jackson
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(BindingsEndpoint.BindingsDescriptor.class, "bindings")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(BindingsEndpoint.BindingDescriptor.class, "operations")).accepts(hints);
	}

	@Test
	void componentsAreNotLoadedWhileSpringBootProcessesTheApplication() {
		// components that could only be loaded where the application runs: a folder
		// mounted
		// there, a secret from its environment
		String[] args = { "--bindings.components-path=" + this.folder.resolve("mounted-at-run-time"),
				"--bindings.components.secret.type=bindings.kafka",
				"--bindings.components.secret.metadata.brokers=${KAFKA_BROKERS_ONLY_SET_AT_RUN_TIME}" };
		System.setProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
		try {
			Processed processed = process(args);
			assertThat(processed.context()
				.containsBeanDefinition(BindingsAutoConfiguration.COMPONENT_DEFINITIONS_BEAN_NAME)).isFalse();
			assertThat(processed.context().getBeanNamesForType(OutputBinding.class)).isEmpty();
			assertThat(processed.sources()
				.get("dev/bindings/autoconfigure/BindingsAutoConfiguration__BeanDefinitions.java"))
				.contains("componentBeanRegistrar");
		}
		finally {
			System.clearProperty(AbstractAotProcessor.AOT_PROCESSING);
		}
	}

	private void writeComponent(String name, String type, Map<String, String> metadata) throws IOException {
		StringBuilder yaml = new StringBuilder("""
				apiVersion: dapr.io/v1alpha1
				kind: Component
				metadata:
				  name: %s
				spec:
				  type: %s
				  version: v1
				  metadata:
				""".formatted(name, type));
		metadata.forEach((key,
				value) -> yaml.append("  - name: ").append(key).append("\n    value: ").append(value).append('\n'));
		Files.writeString(this.folder.resolve(name + ".yaml"), yaml, StandardCharsets.UTF_8);
	}

	/**
	 * Process the application as Spring Boot's AOT processor does: run it up to the point
	 * where its bean definitions are loaded, then generate the code and hints.
	 */
	private Processed process(String... args) {
		SpringApplication application = new SpringApplication(AotApplication.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		GenericApplicationContext context = loadedContext(application, args);
		this.contexts.add(context);
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(AotApplication.class)), files);
		new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		generationContext.writeGeneratedContent();
		Map<String, String> sources = new TreeMap<>();
		files.getGeneratedFiles(Kind.SOURCE).forEach((path, source) -> {
			try (InputStream in = source.getInputStream()) {
				sources.put(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		return new Processed(context, sources, generationContext.getRuntimeHints());
	}

	private static GenericApplicationContext loadedContext(SpringApplication application, String... args) {
		SpringApplicationHook hook = (app) -> new SpringApplicationRunListener() {

			@Override
			public void contextLoaded(ConfigurableApplicationContext context) {
				throw new SpringApplication.AbandonedRunException(context);
			}

		};
		try {
			SpringApplication.withHook(hook, () -> application.run(args));
		}
		catch (SpringApplication.AbandonedRunException ex) {
			return (GenericApplicationContext) ex.getApplicationContext();
		}
		throw new IllegalStateException("the application was not abandoned once loaded");
	}

	record Processed(GenericApplicationContext context, Map<String, String> sources, RuntimeHints hints) {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class AotApplication {

	}

}
