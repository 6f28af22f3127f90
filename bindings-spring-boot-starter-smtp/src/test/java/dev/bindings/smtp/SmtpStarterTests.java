package dev.bindings.smtp;

import dev.bindings.OutputBinding;
import dev.bindings.registry.OutputBindingFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mail.MailSender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with {@code bindings-spring-boot-starter-smtp} as its only dependency
 * and one {@code bindings.smtp} component as its only configuration. The binding connects
 * for each mail, so startup needs no server.
 */
@SpringBootTest(classes = SmtpStarterTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bindings.components.mail.type=bindings.smtp",
				"bindings.components.mail.metadata.host=127.0.0.1",
				"bindings.components.mail.metadata.emailFrom=app@example.com" })
class SmtpStarterTests {

	@Autowired
	private ConfigurableApplicationContext context;

	@Test
	void startsWithoutAnySpringMailProperty() {
		assertThat(Binder.get(this.context.getEnvironment())
			.bind("spring.mail", Bindable.mapOf(String.class, Object.class))
			.isBound()).isFalse();
		assertThat(this.context.isRunning()).isTrue();
	}

	@Test
	void springBootMailSenderIsNotAutoConfigured() {
		assertThat(this.context.getBeanNamesForType(MailSender.class)).isEmpty();
	}

	@Test
	void factoryOfTheTypeIsAutoConfigured() {
		assertThat(this.context.getBeansOfType(OutputBindingFactory.class).values())
			.hasAtLeastOneElementOfType(SmtpOutputBindingFactory.class);
	}

	@Test
	void componentOfTheTypeBecomesAnOutputBindingBean() {
		assertThat(this.context.getBean("mail", OutputBinding.class)).isInstanceOf(SmtpOutputBinding.class);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
