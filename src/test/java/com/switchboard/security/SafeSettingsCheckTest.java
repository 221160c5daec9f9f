package com.switchboard.security;

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
                .hasMessageContaining("SWITCHBOARD_ACS_RESOURCE_ID");
    }

    @Test
    void aProperlyConfiguredProductionStarts() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("camunda.bpm.admin-user.password", "a long passphrase")
                .withProperty("switchboard.acs.connection-string", "endpoint=https://x.communication.azure.com/;accesskey=c2VjcmV0")
                .withProperty("switchboard.acs.resource-id", "00000000-0000-0000-0000-000000000001");
        environment.setActiveProfiles("prod", "postgres");
        assertThatCode(() -> check.postProcessEnvironment(environment, new SpringApplication())).doesNotThrowAnyException();
    }

    @Test
    void theEmulatorProfileMayUseTheDefaults() {
        MockEnvironment environment = new MockEnvironment().withProperty("camunda.bpm.admin-user.password", "admin");
        environment.setDefaultProfiles("emulator");
        assertThatCode(() -> check.postProcessEnvironment(environment, new SpringApplication())).doesNotThrowAnyException();
    }
}
