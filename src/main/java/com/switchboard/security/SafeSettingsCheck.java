package com.switchboard.security;

import com.switchboard.engine.EngineSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Outside the emulator profile Switchboard steers real phone calls: it refuses to start with the default or a
 * weak admin password (Camunda's password policy: 10 characters, upper and lower case, a digit and a special
 * character), without an ACS connection string or resource ID, with callback authentication off, or without the
 * Event Grid subscription's secret, and says which setting is wrong. The engine enforces the same policy on every
 * password set later ({@code enablePasswordPolicy}, {@link EngineSecuritySettings}).
 */
public class SafeSettingsCheck implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULT_ADMIN_PASSWORD = "admin";

    /** The emulator profile: active, or the default one while no profile is active. */
    public static boolean isEmulatorProfile(Environment environment) {
        return Arrays.asList(environment.getActiveProfiles()).contains("emulator")
                || (environment.getActiveProfiles().length == 0
                    && Arrays.asList(environment.getDefaultProfiles()).contains("emulator"));
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (isEmulatorProfile(environment)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        String password = environment.getProperty("camunda.bpm.admin-user.password");
        if (password == null || password.isBlank() || password.equals(DEFAULT_ADMIN_PASSWORD)) {
            problems.add("the admin password is the default one: set SWITCHBOARD_ADMIN_PASSWORD");
        } else {
            List<String> unmet = EngineSettings.defaultPasswordPolicy().stream()
                    .filter(rule -> rule.getParameters() != null && !rule.execute(password))
                    .map(SafeSettingsCheck::describe).toList();
            if (!unmet.isEmpty()) {
                problems.add("the admin password (SWITCHBOARD_ADMIN_PASSWORD) is too weak: it needs "
                        + String.join(", ", unmet));
            }
        }
        if (isBlank(environment.getProperty("switchboard.acs.connection-string"))) {
            problems.add("no ACS connection string: set SWITCHBOARD_ACS_CONNECTION_STRING "
                    + "(endpoint=https://<resource>.communication.azure.com/;accesskey=<key>)");
        }
        if (!environment.getProperty("switchboard.callbacks.authentication.enabled", Boolean.class, true)) {
            problems.add("callback authentication is off (switchboard.callbacks.authentication.enabled=false): anyone "
                    + "who can reach /api/callbacks could steer calls; switch it on");
        }
        if (isBlank(environment.getProperty("switchboard.acs.resource-id"))) {
            problems.add("no ACS resource ID to check callback tokens against: set SWITCHBOARD_ACS_RESOURCE_ID "
                    + "(the immutable resource ID of your Communication Services resource)");
        }
        if (isBlank(environment.getProperty("switchboard.incoming.secret"))) {
            problems.add("no secret for the Event Grid subscription of incoming calls: set SWITCHBOARD_INCOMING_SECRET "
                    + "and subscribe https://<host>/api/incoming-calls?secret=<it>");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Switchboard will not start outside the emulator profile: "
                    + String.join("; ", problems));
        }
    }

    private static String describe(PasswordPolicyRule rule) {
        String count = rule.getParameters().values().stream().findFirst().orElse("1");
        return switch (rule.getPlaceholder()) {
            case "PASSWORD_POLICY_LENGTH" -> "at least " + count + " characters";
            case "PASSWORD_POLICY_LOWERCASE" -> count + " lower-case letter(s)";
            case "PASSWORD_POLICY_UPPERCASE" -> count + " upper-case letter(s)";
            case "PASSWORD_POLICY_DIGIT" -> count + " digit(s)";
            case "PASSWORD_POLICY_SPECIAL" -> count + " special character(s)";
            default -> rule.getPlaceholder();
        };
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
