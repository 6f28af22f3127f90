package dev.bindings.component;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeniedNames}: one deny list, whatever the spelling.
 */
class DeniedNamesTests {

	@ParameterizedTest
	@ValueSource(strings = { "DAPR_API_TOKEN", "dapr.api.token", "dapr-api-token", "Dapr-Api_Token", "dapr[api].token",
			"_dapr_api_token", "DAPR__API..TOKEN", "dapr_anything", "dapr.", "APP_API_TOKEN", "app.api.token",
			"App-Api-Token", "app.apitoken", "", " ", "my var" })
	void refused(String name) {
		assertThat(DeniedNames.refusal(name)).isNotNull();
		assertThat(DeniedNames.springPropertyRefusal(name)).isNotNull();
		assertThat(DeniedNames.envRefRefusal(name, Map.<String, String>of()::get)).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "KAFKA_PASSWORD", "db.password", "DAPR", "daprd_token", "APP_TOKEN", "MY_APP_API_TOKEN",
			"bindings.components.x.metadata.password" })
	void allowed(String name) {
		assertThat(DeniedNames.refusal(name)).isNull();
		assertThat(DeniedNames.springPropertyRefusal(name)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "bindings.api-token", "bindings.api.token", "bindings.apiToken", "BINDINGS_API_TOKEN",
			"BINDINGS_APITOKEN", "bindings[api-token]", "Bindings.Api-Token", "bindings.api_token" })
	void theStartersTokenIsRefusedByTheSpringEnvironmentStore(String name) {
		assertThat(DeniedNames.springPropertyRefusal(name))
			.isEqualTo("the starter's API token (bindings.api-token) is refused");
	}

	@ParameterizedTest
	@ValueSource(strings = { "dapr.api.token", "Dapr-Api_Token", "DAPR_API_TOKEN", "dapr[api]token" })
	void spellingsHaveOneNormalForm(String name) {
		assertThat(DeniedNames.normalize(name)).isEqualTo("DAPR_API_TOKEN");
	}

	@ParameterizedTest
	@ValueSource(strings = { "MY_VAR", "my_var" })
	void daprEnvKeysAllowsTheListedNamesInUpperCase(String name) {
		Map<String, String> variables = Map.of("DAPR_ENV_KEYS", "OTHER MY_VAR LAST");
		assertThat(DeniedNames.envRefRefusal(name, variables::get)).isNull();
		assertThat(DeniedNames.envRefRefusal("MY", variables::get))
			.isEqualTo("the name is not listed in DAPR_ENV_KEYS");
	}

}
