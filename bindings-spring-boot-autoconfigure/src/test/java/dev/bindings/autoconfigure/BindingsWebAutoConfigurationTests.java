package dev.bindings.autoconfigure;

import java.util.Set;

import dev.bindings.registry.EchoBindingFactory;
import dev.bindings.web.DaprApiPolicy;
import dev.bindings.web.DaprHttpApiServlet;
import dev.bindings.web.DaprHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BindingsWebAutoConfiguration}: where Dapr's HTTP API may listen, and
 * the rules that stop startup before it opens beyond loopback without a token.
 */
@ExtendWith(OutputCaptureExtension.class)
class BindingsWebAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, JacksonAutoConfiguration.class,
				BindingsWebAutoConfiguration.class))
		.withPropertyValues("bindings.components-path=");

	@Test
	void apiOnLoopbackNeedsNoToken() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(DaprHttpApiServlet.class));
	}

	@Test
	void apiOnEveryInterfaceWithoutTokenStopsStartup() {
		this.contextRunner.withPropertyValues("bindings.http.address=0.0.0.0").run((context) -> {
			InvalidConfigurationPropertyValueException failure = failure(context);
			assertThat(failure.getName()).isEqualTo("bindings.http.address");
			assertThat(failure.getReason()).contains("'bindings.api-token'", "DAPR_API_TOKEN",
					"'bindings.api.allow-unauthenticated-network-access=true'");
		});
	}

	@Test
	void apiOnANonLoopbackAddressWithoutTokenStopsStartup() {
		this.contextRunner.withPropertyValues("bindings.http.address=192.0.2.10")
			.run((context) -> assertThat(failure(context).getReason()).contains("192.0.2.10:3500"));
	}

	@Test
	void apiOnEveryInterfaceWithTokenStarts() {
		this.contextRunner.withPropertyValues("bindings.http.address=0.0.0.0", "bindings.api-token=s3cret")
			.run((context) -> assertThat(context).hasSingleBean(DaprHttpApiServlet.class));
	}

	@Test
	void apiOnEveryInterfaceWithTheTokenFromTheEnvironmentStarts() {
		this.contextRunner.withPropertyValues("bindings.http.address=0.0.0.0", "DAPR_API_TOKEN=s3cret")
			.run((context) -> assertThat(context).hasSingleBean(DaprHttpApiServlet.class));
	}

	@Test
	void apiOnEveryInterfaceWithTheOptOutStartsAndWarnsOnce(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("bindings.http.address=0.0.0.0",
					"bindings.api.allow-unauthenticated-network-access=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(DaprHttpApiServlet.class);
				assertThat(output).containsOnlyOnce("Dapr HTTP API is open without an API token on every interface");
			});
	}

	@Test
	void blankTokenStopsStartup() {
		this.contextRunner.withPropertyValues("bindings.api-token=  ").run((context) -> {
			InvalidConfigurationPropertyValueException failure = failure(context);
			assertThat(failure.getName()).isEqualTo("bindings.api-token");
			assertThat(failure.getReason()).contains("blank");
		});
	}

	@Test
	void blankTokenInTheEnvironmentStopsStartup() {
		this.contextRunner.withPropertyValues("DAPR_API_TOKEN=")
			.run((context) -> assertThat(failure(context).getName()).isEqualTo("DAPR_API_TOKEN"));
	}

	@Test
	void apiOnTheApplicationsPortIsRegisteredUnderV1() {
		this.contextRunner.withPropertyValues("server.port=8081", "bindings.http.port=8081", "server.address=127.0.0.1")
			.run((context) -> {
				assertThat(context).hasSingleBean(DaprHttpApiServlet.class).doesNotHaveBean(DaprHttpServer.class);
				assertThat(context.getBean("daprHttpApiRegistration", ServletRegistrationBean.class).getUrlMappings())
					.containsExactly("/v1.0", "/v1.0/*");
			});
	}

	@Test
	void apiOnTheApplicationsPortOnEveryInterfaceWithoutTokenStopsStartup() {
		this.contextRunner.withPropertyValues("bindings.http.port=8080").run((context) -> {
			InvalidConfigurationPropertyValueException failure = failure(context);
			assertThat(failure.getName()).isEqualTo("server.address");
			assertThat(failure.getReason()).contains("every interface, port 8080");
		});
	}

	@Test
	void apiOnItsOwnPortIsNotRegisteredOnTheApplicationsListener() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean("daprHttpApiRegistration"));
	}

	@Test
	void noListenerOfItsOwnWithoutAnEmbeddedServer() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(DaprHttpServer.class));
	}

	@Test
	void apiOnItsOwnPortWithoutTomcatStopsStartup() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(TomcatServletWebServerFactory.class))
			.run((context) -> {
				InvalidConfigurationPropertyValueException failure = failure(context);
				assertThat(failure.getName()).isEqualTo("bindings.http.port");
				assertThat(failure.getReason()).contains("Tomcat", "'server.port'", "'bindings.http.enabled=false'");
			});
	}

	@Test
	void apiOnTheApplicationsPortNeedsNoTomcat() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(TomcatServletWebServerFactory.class))
			.withPropertyValues("server.port=8081", "bindings.http.port=8081", "server.address=127.0.0.1")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("daprHttpApiRegistration"));
	}

	@Test
	void apiCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("bindings.http.enabled=false", "bindings.http.address=0.0.0.0")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DaprHttpApiServlet.class));
	}

	@Test
	void allowedOperationsOfAComponentThatIsNotABindingStopStartupNamingTheBindings() {
		this.contextRunner.withBean(EchoBindingFactory.class)
			.withPropertyValues("bindings.components.orders-db.type=bindings.test.echo",
					"bindings.api.allowed-operations.orders-bd=get")
			.run((context) -> {
				InvalidConfigurationPropertyValueException failure = failure(context);
				assertThat(failure.getName()).isEqualTo("bindings.api.allowed-operations[orders-bd]");
				assertThat(failure.getReason()).contains("'orders-bd' is not an output binding of this application",
						"its bindings: orders-db");
			});
	}

	@Test
	void anAllowedOperationTheBindingDoesNotHaveStopsStartupListingItsOperations() {
		this.contextRunner.withBean(EchoBindingFactory.class)
			.withPropertyValues("bindings.components.orders-db.type=bindings.test.echo",
					"bindings.api.allowed-operations.orders-db=get,Create")
			.run((context) -> assertThat(failure(context).getReason()).contains(
					"binding 'orders-db' (bindings.test.echo) has no operation 'Create'",
					"its operations are create, get, fail, reject", "case included"));
	}

	@Test
	void allowedOperationsAndTheMetadataLimitReachTheApi() {
		this.contextRunner.withBean(EchoBindingFactory.class)
			.withPropertyValues("bindings.components.orders-db.type=bindings.test.echo",
					"bindings.api.allowed-operations.orders-db=get", "bindings.api.allowed-operations.other=",
					"bindings.components.other.type=bindings.test.echo", "bindings.limits.max-metadata-entries=7")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DaprApiPolicy policy = DaprApiAccess.policy(context.getBean(BindingsProperties.class), context);
				assertThat(policy.allowedOperations()).containsEntry("orders-db", Set.of("get"))
					.containsEntry("other", Set.of());
				assertThat(policy.maxMetadataEntries()).isEqualTo(7);
				assertThat(policy.allows("orders-db", "get")).isTrue();
				assertThat(policy.allows("orders-db", "create")).isFalse();
				assertThat(policy.allows("other", "get")).isFalse();
				assertThat(policy.allows("unlisted", "delete")).isTrue();
			});
	}

	private static InvalidConfigurationPropertyValueException failure(AssertableWebApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof InvalidConfigurationPropertyValueException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("an InvalidConfigurationPropertyValueException in the cause chain").isNotNull();
		return (InvalidConfigurationPropertyValueException) failure;
	}

}
