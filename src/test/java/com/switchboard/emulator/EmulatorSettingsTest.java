package com.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.emulator.delivery.EventGridSchema;
import com.switchboard.emulator.faults.Faults;
import com.switchboard.emulator.media.FileRule;
import com.switchboard.emulator.media.MediaSettings;
import com.switchboard.emulator.media.CallerRule;
import com.switchboard.emulator.telephony.PhoneRule;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class EmulatorSettingsTest {

    @Test
    void defaultsAreTheDefaultsOfEachSetting() {
        assertThat(EmulatorSettings.defaults()).isEqualTo(new EmulatorSettings("127.0.0.1", 8443,
            EmulatorSettings.DEFAULT_ACCESS_KEY, EmulatorSettings.DEFAULT_CERTIFICATE,
            EmulatorSettings.DEFAULT_PRIVATE_KEY, Duration.ofSeconds(1), Duration.ofSeconds(30), 100, 5,
            Duration.ofMillis(200), 16, PhoneRule.DEFAULTS, null, EventGridSchema.EVENT_GRID, Duration.ofSeconds(30),
            List.of("8:acs:*"), EmulatorSettings.DEFAULT_RESOURCE_ID, EmulatorSettings.DEFAULT_JWT_ISSUER,
            Duration.ofMinutes(5), Faults.NONE, MediaSettings.DEFAULTS, List.of()));
        assertThat(EmulatorSettings.bind(new Binder(new MapConfigurationPropertySource(Map.of()))))
            .isEqualTo(EmulatorSettings.defaults());
    }

    @Test
    void eachWithMethodChangesItsOwnSettingsOnly() {
        EmulatorSettings defaults = EmulatorSettings.defaults();
        Map<String, UnaryOperator<EmulatorSettings>> changes = new LinkedHashMap<>();
        changes.put("bindAddress", s -> s.withBindAddress("0.0.0.0"));
        changes.put("port", s -> s.withPort(0));
        changes.put("accessKey", s -> s.withAccessKey("a2V5"));
        changes.put("certificate privateKey", s -> s.withTls("cert.pem", "key.pem"));
        changes.put("answerDelay", s -> s.withAnswerDelay(Duration.ZERO));
        changes.put("ringTimeout", s -> s.withRingTimeout(Duration.ofSeconds(3)));
        changes.put("participantsPageSize", s -> s.withParticipantsPageSize(2));
        changes.put("callbackAttempts callbackBackoff", s -> s.withCallbackRetries(3, Duration.ofMillis(20)));
        changes.put("serverThreads", s -> s.withServerThreads(4));
        changes.put("rules", s -> s.withRules(List.of()));
        changes.put("eventGridUrl eventGridSchema", s -> s.withEventGrid("http://localhost/x",
            EventGridSchema.CLOUD_EVENTS));
        changes.put("incomingCallTimeout", s -> s.withIncomingCallTimeout(Duration.ofSeconds(5)));
        changes.put("appIdentities", s -> s.withAppIdentities(List.of("8:acs:bot-*")));
        changes.put("resourceId", s -> s.withResourceId("resource"));
        changes.put("jwtIssuer jwtLifetime", s -> s.withJwt("https://issuer.test", Duration.ofSeconds(30)));
        changes.put("faults", s -> s.withFaults(Faults.NONE.withSeed(1L)));
        changes.put("media", s -> s.withMedia(new MediaSettings(30, Duration.ofSeconds(1), List.of())));
        changes.put("callers", s -> s.withCallers(List.of(new CallerRule("+1555*", List.of("press 1"), null, null))));
        changes.forEach((settings, change) -> assertThat(changed(defaults, change.apply(defaults)))
            .as(settings).containsExactly(settings.split(" ")));
        assertThat(Arrays.stream(EmulatorSettings.class.getRecordComponents()).map(RecordComponent::getName))
            .as("every setting has a with-method").containsExactlyInAnyOrderElementsOf(changes.keySet().stream()
                .flatMap(names -> Arrays.stream(names.split(" "))).toList());
    }

    private static List<String> changed(EmulatorSettings before, EmulatorSettings after) {
        return Arrays.stream(EmulatorSettings.class.getRecordComponents()).filter(component -> {
            try {
                return !Objects.equals(component.getAccessor().invoke(before), component.getAccessor().invoke(after));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }).map(RecordComponent::getName).toList();
    }

    @Test
    void mediaIsBoundFromItsProperties() {
        EmulatorSettings settings = EmulatorSettings.bind(new Binder(new MapConfigurationPropertySource(Map.of(
            "switchboard.emulator.media.speech-rate", "2000", "switchboard.emulator.media.file-duration", "100ms",
            "switchboard.emulator.media.files[0].url", "https://*/missing.wav",
            "switchboard.emulator.media.files[0].outcome", "NOT_FOUND"))));
        assertThat(settings.media().speechRate()).isEqualTo(2000);
        assertThat(settings.media().fileDuration()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.media().files()).singleElement()
            .satisfies(rule -> assertThat(rule.outcome()).isEqualTo(FileRule.Outcome.NOT_FOUND));
        assertThat(EmulatorSettings.defaults().media()).isEqualTo(MediaSettings.DEFAULTS);
    }

    @Test
    void bindsCallersWithTheirAnswersAndTimings() {
        EmulatorSettings settings = EmulatorSettings.bind(new Binder(new MapConfigurationPropertySource(Map.of(
            "switchboard.emulator.callers[0].identity", "+1555*",
            "switchboard.emulator.callers[0].answers[0]", "press 12#",
            "switchboard.emulator.callers[0].answers[1]", "say sales 0.8",
            "switchboard.emulator.callers[0].tone-interval", "10ms",
            "switchboard.emulator.callers[1].identity", "8:acs:*"))));

        assertThat(settings.callers()).containsExactly(
            new CallerRule("+1555*", List.of("press 12#", "say sales 0.8"), Duration.ofSeconds(1),
                Duration.ofMillis(10)),
            new CallerRule("8:acs:*", List.of(), CallerRule.DEFAULT_DELAY, CallerRule.DEFAULT_TONE_INTERVAL));
    }

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
        assertThat(EmulatorSettings.bind(new Binder(new MapConfigurationPropertySource(Map.of()))).faults())
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

        Faults faults = EmulatorSettings.bind(new Binder(new MapConfigurationPropertySource(properties)))
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
