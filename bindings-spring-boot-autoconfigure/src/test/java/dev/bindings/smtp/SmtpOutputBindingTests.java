package dev.bindings.smtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.bindings.test.Bindings.component;
import static dev.bindings.test.Bindings.failure;
import static dev.bindings.test.Bindings.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the {@code bindings.smtp} binding against in-process GreenMail SMTP servers.
 */
@ExtendWith(OutputCaptureExtension.class)
class SmtpOutputBindingTests {

	private static final String PASSWORD = "S3cret-Passw0rd";

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer@example.com", "mailer", PASSWORD));

	/**
	 * A server without STARTTLS (GreenMail offers none) on 127.0.0.2: loopback (all of
	 * 127/8 is, on Linux), but not one of the names Go treats as localhost.
	 */
	@RegisterExtension
	static final GreenMailExtension notLocalhost = new GreenMailExtension(
			new ServerSetup(ServerSetup.PORT_SMTP, "127.0.0.2", ServerSetup.PROTOCOL_SMTP).dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer@example.com", "mailer", PASSWORD));

	private final SmtpOutputBindingFactory factory = new SmtpOutputBindingFactory();

	private final List<AutoCloseable> bindings = new ArrayList<>();

	@AfterEach
	void closeBindings() throws Exception {
		for (AutoCloseable binding : this.bindings) {
			binding.close();
		}
	}

	@Test
	void operationsAreDaprs() {
		assertThat(create(Map.of()).operations()).containsExactly("create");
	}

	@Test
	void createSendsAnHtmlMailWithTheComponentSettingsAndReturnsNothing() throws Exception {
		OutputBinding binding = create(Map.of());
		BindingResponse response = invoke(binding, "create", "<b>Hello</b>".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(response.hasContent()).isFalse();
		MimeMessage message = receivedOne();
		assertThat(message.getSubject()).isEqualTo("Orders");
		assertThat(addresses(message.getFrom())).containsExactly("orders@example.com");
		assertThat(addresses(message.getRecipients(RecipientType.TO))).containsExactly("to@example.com");
		assertThat(message.getHeader("X-Priority")).containsExactly("3");
		assertThat(message.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
		assertThat(GreenMailUtil.getBody(message)).isEqualTo("<b>Hello</b>");
	}

	@Test
	void addressListsAreSplitOnSemicolons() throws Exception {
		OutputBinding binding = create(Map.of("emailTo", "a@example.com;b@example.com", "emailCC",
				"c@example.com;d@example.com", "emailBCC", "e@example.com"));
		invoke(binding, "create", "x".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(greenMail.waitForIncomingEmail(10_000, 5)).isTrue();
		MimeMessage message = greenMail.getReceivedMessagesForDomain("a@example.com")[0];
		assertThat(addresses(message.getRecipients(RecipientType.TO))).containsExactly("a@example.com",
				"b@example.com");
		assertThat(addresses(message.getRecipients(RecipientType.CC))).containsExactly("c@example.com",
				"d@example.com");
		assertThat(message.getHeader("Bcc")).isNull();
		// one delivery per recipient: the fifth is the blind copy
		assertThat(greenMail.getReceivedMessages()).hasSize(5);
	}

	@Test
	void jsonStringDataIsUnquoted() throws Exception {
		invoke(create(Map.of()), "create", "\"<p>Hi \\\"you\\\"</p>\"".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(GreenMailUtil.getBody(receivedOne())).isEqualTo("<p>Hi \"you\"</p>");
	}

	@Test
	void nonAsciiBodyArrivesIntact() throws Exception {
		invoke(create(Map.of()), "create", "\"Grüße – ✓\"".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(receivedOne().getContent()).isEqualTo("Grüße – ✓");
	}

	@Test
	void requestMetadataOverridesTheComponentSettings() throws Exception {
		invoke(create(Map.of()), "create", "x".getBytes(StandardCharsets.UTF_8), Map.of("emailFrom",
				"other@example.com", "emailTo", "override@example.com", "subject", "Urgent", "priority", "1"));
		MimeMessage message = receivedOne();
		assertThat(addresses(message.getFrom())).containsExactly("other@example.com");
		assertThat(addresses(message.getRecipients(RecipientType.TO))).containsExactly("override@example.com");
		assertThat(message.getSubject()).isEqualTo("Urgent");
		assertThat(message.getHeader("X-Priority")).containsExactly("1");
	}

	@Test
	void requestOverridesDoNotLeakIntoLaterRequests() throws Exception {
		OutputBinding binding = create(Map.of());
		invoke(binding, "create", "first".getBytes(StandardCharsets.UTF_8), Map.of("emailTo", "override@example.com",
				"emailCC", "cc@example.com", "subject", "Urgent", "priority", "1"));
		invoke(binding, "create", "second".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(greenMail.waitForIncomingEmail(10_000, 3)).isTrue();
		MimeMessage second = greenMail.getReceivedMessagesForDomain("to@example.com")[0];
		assertThat(GreenMailUtil.getBody(second)).isEqualTo("second");
		assertThat(second.getSubject()).isEqualTo("Orders");
		assertThat(addresses(second.getRecipients(RecipientType.TO))).containsExactly("to@example.com");
		assertThat(second.getRecipients(RecipientType.CC)).isNull();
		assertThat(second.getHeader("X-Priority")).containsExactly("3");
	}

	@Test
	void missingEmailFromFailsWithDaprMessage() {
		Map<String, String> metadata = metadata(Map.of());
		metadata.remove("emailFrom");
		assertThat(failure(createWith(metadata), "create", null, Map.of()))
			.hasMessage("smtp binding error: emailFrom property not supplied in configuration- or request-metadata");
	}

	@Test
	void missingEmailToFailsWithDaprMessage() {
		Map<String, String> metadata = metadata(Map.of());
		metadata.remove("emailTo");
		assertThat(failure(createWith(metadata), "create", null, Map.of()))
			.hasMessage("smtp binding error: emailTo property not supplied in configuration- or request-metadata");
	}

	@Test
	void missingSubjectFailsWithDaprMessage() {
		Map<String, String> metadata = metadata(Map.of());
		metadata.remove("subject");
		assertThat(failure(createWith(metadata), "create", null, Map.of()))
			.hasMessage("smtp binding error: subject property not supplied in configuration- or request-metadata");
	}

	@Test
	void requestMetadataCanSupplyWhatTheComponentLacks() throws Exception {
		Map<String, String> metadata = metadata(Map.of());
		metadata.remove("subject");
		invoke(createWith(metadata), "create", "x".getBytes(StandardCharsets.UTF_8), Map.of("subject", "Given"));
		assertThat(receivedOne().getSubject()).isEqualTo("Given");
	}

	@Test
	void componentPriorityOutOfRangeFailsWithDaprMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> create(Map.of("priority", "6")))
			.withMessage("smtp binding error:  priority value must be between 1 (highest) and 5 (lowest)");
	}

	@Test
	void requestPriorityOutOfRangeFailsWithDaprMessage() {
		assertThat(failure(create(Map.of()), "create", null, Map.of("priority", "0")))
			.hasMessage("smtp binding error:  priority value must be between 1 (highest) and 5 (lowest)");
	}

	@Test
	void priorityThatIsNotANumberFailsWithGoMessage() {
		assertThat(failure(create(Map.of()), "create", null, Map.of("priority", "high")))
			.hasMessage("strconv.Atoi: parsing \"high\": invalid syntax");
	}

	@Test
	void missingHostFailsWithDaprMessage() {
		Map<String, String> metadata = metadata(Map.of());
		metadata.remove("host");
		assertThatIllegalArgumentException().isThrownBy(() -> createWith(metadata))
			.withMessage("smtp binding error: host and port fields are required in metadata");
	}

	@Test
	void userWithoutPasswordFailsWithDaprMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> create(Map.of("user", "mailer")))
			.withMessage("smtp binding error: both user and password fields are required in metadata");
	}

	@Test
	void userAndPasswordAuthenticate() throws Exception {
		invoke(create(Map.of("user", "mailer", "password", PASSWORD)), "create", "x".getBytes(StandardCharsets.UTF_8),
				Map.of());
		assertThat(receivedOne().getSubject()).isEqualTo("Orders");
	}

	@Test
	void credentialsAreNotSentToAServerOtherThanLocalhostWithoutStartTls(CapturedOutput output) {
		Map<String, String> metadata = notLocalhostMetadata(Map.of("user", "mailer", "password", PASSWORD));
		Throwable failure = failure(createWith(metadata), "create", "x".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(failure)
			.hasMessageStartingWith("error from smtp binding, sending email failed: the server " + "127.0.0.2:"
					+ notLocalhost.getSmtp().getPort() + " does not offer STARTTLS, and the password is not "
					+ "sent over an unencrypted connection (set the component's allowUnencryptedAuth to allow it)")
			.hasMessageContaining("STARTTLS is required")
			.hasMessageNotContaining(PASSWORD);
		assertThat(failure).hasStackTraceContaining("STARTTLS");
		assertThat(notLocalhost.getReceivedMessages()).isEmpty();
		assertThat(output).doesNotContain(PASSWORD);
	}

	@Test
	void allowUnencryptedAuthSendsCredentialsWithoutStartTlsAndSaysSo(CapturedOutput output) throws Exception {
		Map<String, String> metadata = notLocalhostMetadata(
				Map.of("user", "mailer", "password", PASSWORD, "allowUnencryptedAuth", "true"));
		invoke(createWith(metadata), "create", "x".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(notLocalhost.waitForIncomingEmail(10_000, 1)).isTrue();
		assertThat(output)
			.contains("SMTP binding 'mail': allowUnencryptedAuth is set, so the user's password is sent "
					+ "to 127.0.0.2:" + notLocalhost.getSmtp().getPort() + " without encryption")
			.doesNotContain(PASSWORD);
	}

	@Test
	void withoutCredentialsStartTlsIsUsedWhenOfferedButNotRequired() throws Exception {
		invoke(createWith(notLocalhostMetadata(Map.of())), "create", "x".getBytes(StandardCharsets.UTF_8), Map.of());
		assertThat(notLocalhost.waitForIncomingEmail(10_000, 1)).isTrue();
	}

	@Test
	void startTlsIsRequiredExactlyWhenCredentialsGoToAnotherHostThanLocalhost() {
		assertThat(startTlsRequired(Map.of("host", "mail.example.com", "user", "u", "password", "p"))).isTrue();
		assertThat(startTlsRequired(Map.of("host", "127.0.0.2", "user", "u", "password", "p"))).isTrue();
		assertThat(startTlsRequired(Map.of("host", "localhost.localdomain", "user", "u", "password", "p"))).isTrue();
		assertThat(startTlsRequired(Map.of("host", "mail.example.com"))).isFalse();
		assertThat(startTlsRequired(Map.of("host", "localhost", "user", "u", "password", "p"))).isFalse();
		assertThat(startTlsRequired(Map.of("host", "127.0.0.1", "user", "u", "password", "p"))).isFalse();
		assertThat(startTlsRequired(Map.of("host", "::1", "user", "u", "password", "p"))).isFalse();
		assertThat(startTlsRequired(Map.of("host", "mail.example.com", "port", "465", "user", "u", "password", "p")))
			.isFalse();
		assertThat(startTlsRequired(
				Map.of("host", "mail.example.com", "user", "u", "password", "p", "allowUnencryptedAuth", "true")))
			.isFalse();
	}

	@Test
	void skipTlsVerifyIsLoggedAsAWarning(CapturedOutput output) {
		create(Map.of("skipTLSVerify", "true", "user", "mailer", "password", PASSWORD));
		assertThat(output)
			.contains("SMTP binding 'mail': skipTLSVerify is set, so neither the certificate of "
					+ "127.0.0.1 nor its host name is verified")
			.doesNotContain(PASSWORD);
	}

	private boolean startTlsRequired(Map<String, String> metadata) {
		Map<String, String> all = new HashMap<>(metadata);
		all.put("emailFrom", "orders@example.com");
		SmtpOutputBinding binding = (SmtpOutputBinding) createWith(all);
		return "true".equals(binding.getSender().getJavaMailProperties().getProperty("mail.smtp.starttls.required"));
	}

	private Map<String, String> notLocalhostMetadata(Map<String, String> overrides) {
		Map<String, String> metadata = metadata(overrides);
		metadata.put("host", "127.0.0.2");
		metadata.put("port", Integer.toString(notLocalhost.getSmtp().getPort()));
		return metadata;
	}

	@Test
	void wrongPasswordFailsWithoutThePassword() {
		String wrong = "Wr0ng-Passw0rd";
		Throwable failure = failure(create(Map.of("user", "mailer", "password", wrong)), "create", null, Map.of());
		assertThat(failure).hasMessageStartingWith("error from smtp binding, sending email failed: ")
			.hasMessageNotContaining(wrong)
			.hasMessageNotContaining(PASSWORD);
		assertThat(failure).hasStackTraceContaining("AuthenticationFailed");
	}

	@Test
	void unreachableServerFailsWithDaprMessage() {
		assertThat(failure(create(Map.of("port", "1")), "create", null, Map.of()))
			.hasMessageStartingWith("error from smtp binding, sending email failed: ");
	}

	@Test
	void invalidAddressFailsNamingTheKey() {
		assertThat(failure(create(Map.of()), "create", null, Map.of("emailTo", "not an address")))
			.hasMessageStartingWith("smtp binding error: invalid address in emailTo: ");
	}

	private MimeMessage receivedOne() {
		assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
		MimeMessage[] messages = greenMail.getReceivedMessages();
		assertThat(messages).hasSize(1);
		return messages[0];
	}

	private static List<String> addresses(Address[] addresses) {
		return Arrays.stream(addresses).map(Address::toString).toList();
	}

	private Map<String, String> metadata(Map<String, String> overrides) {
		Map<String, String> metadata = new HashMap<>();
		metadata.put("host", "127.0.0.1");
		metadata.put("port", Integer.toString(greenMail.getSmtp().getPort()));
		metadata.put("emailFrom", "orders@example.com");
		metadata.put("emailTo", "to@example.com");
		metadata.put("subject", "Orders");
		metadata.putAll(overrides);
		return metadata;
	}

	private OutputBinding create(Map<String, String> overrides) {
		return createWith(metadata(overrides));
	}

	private OutputBinding createWith(Map<String, String> metadata) {
		OutputBinding binding = this.factory.create(component("mail", "bindings.smtp", metadata));
		this.bindings.add((AutoCloseable) binding);
		return binding;
	}

}
