package com.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class SafeSettingsCheckTest {

    private final SafeSettingsCheck check = new SafeSettingsCheck();

    @Test
    void outsideTheEmulatorProfileItNamesEverySettingThatIsMissing() {
        MockEnvironment environment = new MockEnvironment().withProperty("camunda.bpm.admin-user.password", "admin");
        environment.setActiveProfiles("prod");
        assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
                .hasMessageContaining("SWITCHBOARD_ADMIN_PASSWORD")
                .hasMessageContaining("SWITCHBOARD_ACS_CONNECTION_STRING")
                .hasMessageContaining("SWITCHBOARD_ACS_RESOURCE_ID")
                .hasMessageContaining("SWITCHBOARD_INCOMING_SECRET");
    }

    @Test
    void aProperlyConfiguredProductionStarts() {
        assertThatCode(() -> check.postProcessEnvironment(production(), new SpringApplication())).doesNotThrowAnyException();
    }

    @Test
    void aWeakAdminPasswordIsRefusedSayingWhatItLacks() {
        for (String weak : new String[]{"x", "a long passphrase", "Short1!", "NoDigitsHere!!", "n0-upper-case-here"}) {
            MockEnvironment environment = production().withProperty("camunda.bpm.admin-user.password", weak);
            assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
                    .as(weak).hasMessageContaining("too weak")
                    .satisfies(e -> assertThat(weak.length() < 7 || !e.getMessage().contains(weak)).isTrue());
        }
        assertThatThrownBy(() -> check.postProcessEnvironment(production().withProperty("camunda.bpm.admin-user.password", "x"),
                new SpringApplication())).hasMessageContaining("at least 10 characters");
    }

    @Test
    void productionRefusesCallbacksWithoutAuthentication() {
        MockEnvironment environment = production().withProperty("switchboard.callbacks.authentication.enabled", "false");
        assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
                .hasMessageContaining("callback authentication is off");
    }

    @Test
    void productionRefusesIncomingCallsWithoutASecret() {
        MockEnvironment environment = production().withProperty("switchboard.incoming.secret", "");
        assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
                .hasMessageContaining("SWITCHBOARD_INCOMING_SECRET");
    }

    @Test
    void theEmulatorProfileMayUseTheDefaults() {
        MockEnvironment environment = new MockEnvironment().withProperty("camunda.bpm.admin-user.password", "admin")
                .withProperty("switchboard.callbacks.authentication.enabled", "false");
        environment.setDefaultProfiles("emulator");
        assertThatCode(() -> check.postProcessEnvironment(environment, new SpringApplication())).doesNotThrowAnyException();
    }

    private static MockEnvironment production() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("camunda.bpm.admin-user.password", "A-l0ng-passphrase")
                .withProperty("switchboard.acs.connection-string", "endpoint=https://x.communication.azure.com/;accesskey=c2VjcmV0")
                .withProperty("switchboard.acs.resource-id", "00000000-0000-0000-0000-000000000001")
                .withProperty("switchboard.incoming.secret", "an-event-grid-secret");
        environment.setActiveProfiles("prod", "postgres");
        return environment;
    }
}
