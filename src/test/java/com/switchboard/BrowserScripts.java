package com.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Assumptions;

/**
 * What the browser tests share: a node script of {@code src/test/browser} driving Debian's Chromium, its last output
 * line read as JSON, and Camunda users made for it. Without Chromium a test is skipped, except in CI, where
 * {@code .ci/run} installs it and a run without it would test nothing.
 */
public final class BrowserScripts {

    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private BrowserScripts() {
    }

    /**
     * Runs {@code node src/test/browser/<script> <arguments>} and answers its last line as JSON.
     *
     * @param screenshot the file the script must have written
     */
    public static JsonNode run(ObjectMapper mapper, String script, Path screenshot, List<String> arguments)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            String missing = "Debian's chromium is not installed (apt-get install chromium): " + CHROMIUM;
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(missing);
            }
            Assumptions.abort(missing);
        }
        Files.createDirectories(SCREENSHOTS);
        List<String> command = new ArrayList<>(List.of("node", "src/test/browser/" + script));
        command.addAll(arguments);
        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = node.waitFor(90, TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("the browser finished: " + output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(screenshot).exists();
        String[] lines = output.strip().split("\\R");
        return mapper.readTree(lines[lines.length - 1]);
    }

    /** A new Camunda user with the password, in the group (none when null); answers its id. */
    public static String user(IdentityService identity, String group, String password, String firstName,
                              String lastName) {
        String id = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        User user = identity.newUser(id);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setPassword(password);
        identity.saveUser(user);
        if (group != null) {
            identity.createMembership(id, group);
        }
        return id;
    }
}
