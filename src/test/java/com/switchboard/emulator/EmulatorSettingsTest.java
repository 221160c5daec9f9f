package com.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.emulator.faults.Faults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

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

    @Test
    void faultsAreOffByDefault() {
        assertThat(EmulatorSettings.defaults().faults()).isEqualTo(Faults.NONE);
        assertThat(EmulatorSettingsBinding.bind(new Binder(new MapConfigurationPropertySource(Map.of()))).faults())
            .isEqualTo(Faults.NONE);
        assertThat(Faults.NONE.duplicateProbability() + Faults.NONE.reorderProbability()
            + Faults.NONE.failFirstAttemptProbability() + Faults.NONE.actionFaultProbability()).isZero();
        assertThat(Faults.NONE.deliverBeforeResponse()).isFalse();
        assertThat(Faults.NONE.failNextActions()).isZero();
        assertThat(Faults.NONE.delay()).isZero();
    }

    @Test
    void bindsTheFaultPlanFromKebabCaseProperties() {
        Map<String, String> properties = Map.ofEntries(
            Map.entry("switchboard.emulator.faults.duplicate-probability", "0.2"),
            Map.entry("switchboard.emulator.faults.reorder-probability", "0.3"),
            Map.entry("switchboard.emulator.faults.max-hold", "250ms"),
            Map.entry("switchboard.emulator.faults.delay", "40ms"),
            Map.entry("switchboard.emulator.faults.delay-jitter", "10ms"),
            Map.entry("switchboard.emulator.faults.fail-first-attempt-probability", "0.4"),
            Map.entry("switchboard.emulator.faults.deliver-before-response", "true"),
            Map.entry("switchboard.emulator.faults.action-fault-probability", "0.1"),
            Map.entry("switchboard.emulator.faults.action-fault-statuses", "503,429"),
            Map.entry("switchboard.emulator.faults.retry-after", "2s"),
            Map.entry("switchboard.emulator.faults.fail-next-actions", "2"),
            Map.entry("switchboard.emulator.faults.seed", "42"));

        Faults faults = EmulatorSettingsBinding.bind(new Binder(new MapConfigurationPropertySource(properties)))
            .faults();

        assertThat(faults).isEqualTo(new Faults(0.2, 0.3, Duration.ofMillis(250), Duration.ofMillis(40),
            Duration.ofMillis(10), 0.4, true, 0.1, List.of(503, 429), Duration.ofSeconds(2), 2, 42L));
    }

    @Test
    void rejectsInvalidFaults() {
        assertThatThrownBy(() -> Faults.NONE.withDuplicateProbability(1.5))
            .hasMessageContaining("duplicateProbability");
        assertThatThrownBy(() -> Faults.NONE.withActionFaults(1, 404)).hasMessageContaining("actionFaultStatuses");
        assertThatThrownBy(() -> Faults.NONE.withDelay(Duration.ofMillis(-1), Duration.ZERO))
            .hasMessageContaining("delay");
        assertThatThrownBy(() -> Faults.NONE.withFailNextActions(-1)).hasMessageContaining("failNextActions");
    }
}
