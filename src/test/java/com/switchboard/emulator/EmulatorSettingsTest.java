package com.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmulatorSettingsTest {

    @Test
    void defaultsSignCallbacksLikeAcs() {
        EmulatorSettings settings = EmulatorSettings.defaults();
        assertThat(settings.resourceId()).isEqualTo(EmulatorSettings.DEFAULT_RESOURCE_ID)
            .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(settings.jwtIssuer()).isEqualTo("https://acscallautomation.communication.azure.com");
        assertThat(settings.jwtLifetime()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void keepsTheTokenSettingsThroughOtherChanges() {
        EmulatorSettings settings = EmulatorSettings.defaults().withResourceId("resource")
            .withJwt("https://issuer.test", Duration.ofSeconds(30)).withPort(0).withAnswerDelay(Duration.ZERO);
        assertThat(settings.resourceId()).isEqualTo("resource");
        assertThat(settings.jwtIssuer()).isEqualTo("https://issuer.test");
        assertThat(settings.jwtLifetime()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rejectsInvalidTokenSettings() {
        EmulatorSettings defaults = EmulatorSettings.defaults();
        assertThatThrownBy(() -> defaults.withResourceId(" ")).hasMessageContaining("resourceId");
        assertThatThrownBy(() -> defaults.withJwt("", Duration.ofMinutes(5))).hasMessageContaining("jwtIssuer");
        assertThatThrownBy(() -> defaults.withJwt(EmulatorSettings.DEFAULT_JWT_ISSUER, Duration.ZERO))
            .hasMessageContaining("jwtLifetime");
    }
}
