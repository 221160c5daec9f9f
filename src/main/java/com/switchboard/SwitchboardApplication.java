package com.switchboard;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Switchboard: call flows as BPMN on Azure Communication Services Call Automation.
 *
 * <p>The embedded ACS emulator ({@code com.switchboard.emulator}) is kept out of this application's
 * component scan: when enabled it is started beside the application and talks to it only over
 * HTTPS, exactly like ACS.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "com\\.switchboard\\.emulator\\..*")})
@ConfigurationPropertiesScan(basePackages = {"com.switchboard.acs", "com.switchboard.callbacks", "com.switchboard.incoming",
        "com.switchboard.webhooks", "com.switchboard.security", "com.switchboard.correlation"})
@EnableScheduling
public class SwitchboardApplication {

    /**
     * The clock Switchboard's own code reads the time from: when events were received and handled, time-to-live and
     * quiet-call cut-offs, routing by time of day, login throttling. Tests put a clock they move in its place. Times
     * another party checks against its own clock stay on the system clock: a callback token's validity (ACS's),
     * the first-sent time of an ACS request; so do the engine's timers and jobs, which run on the engine's clock.
     */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(SwitchboardApplication.class, args);
    }
}
