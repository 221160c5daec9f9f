package com.switchboard.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Outside the emulator profile Switchboard steers real phone calls: it refuses to start with the default
 * admin password, without an ACS connection string, or without the ACS resource ID that callback tokens are
 * checked against, and says which setting is missing.
 */
public class SafeSettingsCheck implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULT_ADMIN_PASSWORD = "admin";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (Arrays.asList(environment.getActiveProfiles()).contains("emulator")
                || (environment.getActiveProfiles().length == 0
                    && Arrays.asList(environment.getDefaultProfiles()).contains("emulator"))) {
            return;
        }
        List<String> problems = new ArrayList<>();
        String password = environment.getProperty("camunda.bpm.admin-user.password");
        if (password == null || password.isBlank() || password.equals(DEFAULT_ADMIN_PASSWORD)) {
            problems.add("the admin password is the default one: set SWITCHBOARD_ADMIN_PASSWORD");
        }
        if (isBlank(environment.getProperty("switchboard.acs.connection-string"))) {
            problems.add("no ACS connection string: set SWITCHBOARD_ACS_CONNECTION_STRING "
                    + "(endpoint=https://<resource>.communication.azure.com/;accesskey=<key>)");
        }
        if (environment.getProperty("switchboard.callbacks.authentication.enabled", Boolean.class, true)
                && isBlank(environment.getProperty("switchboard.acs.resource-id"))) {
            problems.add("no ACS resource ID to check callback tokens against: set SWITCHBOARD_ACS_RESOURCE_ID "
                    + "(the immutable resource ID of your Communication Services resource)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Switchboard will not start outside the emulator profile: "
                    + String.join("; ", problems));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
