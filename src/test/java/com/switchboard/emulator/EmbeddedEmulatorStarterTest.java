package com.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.emulator.delivery.EventGridSchema;
import com.switchboard.emulator.spring.EmbeddedEmulatorStarter;
import com.switchboard.emulator.telephony.PhoneBehaviour;
import com.switchboard.emulator.telephony.PhoneRule;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class EmbeddedEmulatorStarterTest {

    @Test
    void startsEmulatorPerContextAndClosesItWithTheContext(CapturedOutput output) {
        AcsEmulator emulator;
        try (ConfigurableApplicationContext context = application("switchboard.emulator.enabled=true",
            "switchboard.emulator.port=0", "switchboard.emulator.answer-delay=250ms",
            "switchboard.emulator.rules[0].identity=+1666*", "switchboard.emulator.rules[0].behaviour=busy")) {
            emulator = context.getBean(EmbeddedEmulatorStarter.BEAN_NAME, AcsEmulator.class);
            String port = context.getEnvironment().getProperty("switchboard.emulator.actual-port");
            assertThat(port).isEqualTo(String.valueOf(emulator.port())).isNotEqualTo("0");
            assertThat(context.getEnvironment().getProperty("switchboard.acs.connection-string"))
                .isEqualTo(emulator.connectionString())
                .isEqualTo("endpoint=https://localhost:" + port + "/;accesskey=" + EmulatorSettings.DEFAULT_ACCESS_KEY);
            assertThat(context.getEnvironment().getProperty("switchboard.emulator.actual-resource-id"))
                .isEqualTo(emulator.resourceId()).isEqualTo(EmulatorSettings.DEFAULT_RESOURCE_ID);
            assertThat(emulator.jwtIssuer()).isEqualTo("https://acscallautomation.communication.azure.com");
            assertThat(emulator.rules().get(0)).isEqualTo(new PhoneRule("+1666*", PhoneBehaviour.BUSY, null));
            assertThat(emulator.rules()).containsAll(PhoneRule.DEFAULTS);
            assertThat(EmulatorClients.unsigned(emulator, "GET", "/emulator/calls").statusCode()).isEqualTo(200);
            assertThat(output.getOut()).as("the connection string, for another language's SDK, with the development key")
                .contains("connection string for any Call Automation SDK: " + emulator.connectionString());
        }
        assertThat(emulator.port()).isPositive();
        assertThat(reachable(emulator)).isFalse();
    }

    @Test
    void aConfiguredAccessKeyIsNamedInTheLogNotWritten(CapturedOutput output) {
        String key = java.util.Base64.getEncoder().encodeToString("a key of this installation only!".getBytes());
        try (ConfigurableApplicationContext context = application("switchboard.emulator.enabled=true",
            "switchboard.emulator.port=0", "switchboard.emulator.access-key=" + key)) {
            AcsEmulator emulator = context.getBean(EmbeddedEmulatorStarter.BEAN_NAME, AcsEmulator.class);
            assertThat(output.getOut())
                .contains("connection string for any Call Automation SDK: endpoint=" + emulator.endpoint()
                    + ";accesskey=<the value of switchboard.emulator.access-key>")
                .doesNotContain(key);
        }
    }

    @Test
    void doesNothingWhenDisabled() {
        // Explicitly off: the project's application.yml turns it on through the default emulator profile.
        try (ConfigurableApplicationContext context = application("switchboard.emulator.enabled=false",
                "switchboard.emulator.port=0")) {
            assertThat(context.containsBean(EmbeddedEmulatorStarter.BEAN_NAME)).isFalse();
            assertThat(context.getEnvironment().getProperty("switchboard.acs.connection-string")).isNullOrEmpty();
        }
    }

    @Test
    void bindsKebabCaseSettings() {
        try (ConfigurableApplicationContext context = application("switchboard.emulator.enabled=true",
            "switchboard.emulator.port=0", "switchboard.emulator.participants-page-size=7",
            "switchboard.emulator.ring-timeout=3s", "switchboard.emulator.rules[0].identity=8:acs:x",
            "switchboard.emulator.rules[0].behaviour=HANG_UP_AFTER", "switchboard.emulator.rules[0].after=2s",
            "switchboard.emulator.event-grid-url=http://localhost:8080/api/incoming-calls",
            "switchboard.emulator.event-grid-schema=CloudEvents", "switchboard.emulator.incoming-call-timeout=5s",
            "switchboard.emulator.app-identities=8:acs:bot-*,+1425555*",
            "switchboard.emulator.resource-id=7d1f0c3a-2b6e-4e59-8a47-c90b13e5d2f6",
            "switchboard.emulator.jwt-issuer=https://issuer.example.test", "switchboard.emulator.jwt-lifetime=90s")) {
            EmulatorSettings settings = EmulatorSettings.bind(Binder.get(context.getEnvironment()));
            assertThat(settings.participantsPageSize()).isEqualTo(7);
            assertThat(settings.ringTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(settings.rules().get(0))
                .isEqualTo(new PhoneRule("8:acs:x", PhoneBehaviour.HANG_UP_AFTER, Duration.ofSeconds(2)));
            assertThat(settings.eventGridUrl()).isEqualTo("http://localhost:8080/api/incoming-calls");
            assertThat(settings.eventGridSchema()).isEqualTo(EventGridSchema.CLOUD_EVENTS);
            assertThat(settings.incomingCallTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(settings.appIdentities()).containsExactly("8:acs:bot-*", "+1425555*");
            assertThat(settings.resourceId()).isEqualTo("7d1f0c3a-2b6e-4e59-8a47-c90b13e5d2f6");
            assertThat(settings.jwtIssuer()).isEqualTo("https://issuer.example.test");
            assertThat(settings.jwtLifetime()).isEqualTo(Duration.ofSeconds(90));
            AcsEmulator emulator = context.getBean(EmbeddedEmulatorStarter.BEAN_NAME, AcsEmulator.class);
            assertThat(emulator.eventGridSubscription().url()).isEqualTo("http://localhost:8080/api/incoming-calls");
            assertThat(emulator.eventGridSubscription().state()).isEqualTo("pending");
            assertThat(emulator.resourceId()).isEqualTo("7d1f0c3a-2b6e-4e59-8a47-c90b13e5d2f6")
                .isEqualTo(context.getEnvironment().getProperty("switchboard.emulator.actual-resource-id"));
            assertThat(emulator.jwtIssuer()).isEqualTo("https://issuer.example.test");
        }
    }

    /** Passes the properties as command-line arguments, so they win over the project's (profile) yml files. */
    private static ConfigurableApplicationContext application(String... properties) {
        return new SpringApplicationBuilder(EmptyConfiguration.class)
            .web(WebApplicationType.NONE)
            .run(Arrays.stream(properties).map(property -> "--" + property).toArray(String[]::new));
    }

    private static boolean reachable(AcsEmulator emulator) {
        try {
            EmulatorClients.unsigned(emulator, "GET", "/emulator/calls");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class EmptyConfiguration {
    }
}
