package com.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The production shape as shipped (docker-compose.yml, deploy/nginx.conf): only the load balancer is open to other
 * machines, no secret has a default, the nodes run with every production check, and no log holds a secret URL;
 * the default (emulator) profile listens on loopback.
 */
class DeploymentFilesTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");
    private static final Path NGINX = Path.of("deploy/nginx.conf");

    @Test
    void onlyTheLoadBalancerIsPublishedToOtherMachines() throws IOException {
        Map<String, Map<String, Object>> services = services();
        services.forEach((name, service) -> {
            @SuppressWarnings("unchecked")
            List<String> ports = (List<String>) service.getOrDefault("ports", List.of());
            for (String port : ports) {
                assertThat(name.equals("loadbalancer") || port.startsWith("127.0.0.1:"))
                        .as(name + " publishes " + port).isTrue();
            }
        });
        assertThat(services.get("loadbalancer").get("ports")).isNotNull();
    }

    @Test
    void noPasswordOrSecretHasADefault() throws IOException {
        String compose = Files.readString(COMPOSE);
        Matcher defaults = Pattern.compile("\\$\\{(\\w+):?-").matcher(compose);
        assertThat(defaults.find()).as("a variable with a default: " + (defaults.hitEnd() ? "" : defaults.group())).isFalse();
        for (String secret : List.of("SWITCHBOARD_ADMIN_PASSWORD", "SWITCHBOARD_DB_PASSWORD", "SWITCHBOARD_INCOMING_SECRET")) {
            assertThat(compose).contains("${" + secret + ":?");
        }
        assertThat(compose).doesNotContain("change-me").doesNotContainPattern("PASSWORD: *[a-z]+\\s");
    }

    @Test
    void theNodesRunWithTheProductionChecks() throws IOException {
        for (String node : List.of("switchboard-1", "switchboard-2")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> environment = (Map<String, Object>) services().get(node).get("environment");
            assertThat(String.valueOf(environment.get("SPRING_PROFILES_ACTIVE"))).doesNotContain("emulator");
            assertThat(environment).doesNotContainKey("SWITCHBOARD_CALLBACKS_AUTHENTICATION_ENABLED");
        }
    }

    @Test
    void theLoadBalancerLogsNoQueryString() throws IOException {
        String nginx = Files.readString(NGINX);
        Matcher format = Pattern.compile("log_format\\s+\\w+\\s+([^;]+);").matcher(nginx);
        assertThat(format.find()).isTrue();
        assertThat(format.group(1)).doesNotContain("$request ").doesNotContain("$request\"").doesNotContain("$request_uri")
                .doesNotContain("$args").doesNotContain("$query_string").doesNotContain("$http_referer");
        assertThat(nginx).containsPattern("access_log\\s+\\S+\\s+" + "switchboard;");
    }

    /** The laptop profile, with admin/admin, is reachable from this machine only. */
    @Test
    @SuppressWarnings("unchecked")
    void theDefaultProfileListensOnLoopbackOnly() throws IOException {
        Map<String, Object> emulatorProfile = new Yaml().load(Files.readString(Path.of("src/main/resources/application-emulator.yml")));
        assertThat(((Map<String, Object>) emulatorProfile.get("server")).get("address")).isEqualTo("127.0.0.1");
        Map<String, Object> defaults = new Yaml().load(Files.readString(Path.of("src/main/resources/application.yml")));
        assertThat((Map<String, Object>) defaults.get("server")).doesNotContainKey("address");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }
}
