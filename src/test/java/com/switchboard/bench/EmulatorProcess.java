package com.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.acs.TrustedCertificate;
import com.switchboard.emulator.AcsEmulatorMain;
import com.switchboard.emulator.EmulatorSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.core.io.ClassPathResource;

/**
 * The ACS emulator in its own JVM, as ACS is a remote service: its memory is not counted in Switchboard's heap,
 * and every callback crosses a real HTTP connection. It answers at once (no ring time).
 */
final class EmulatorProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on .*:(\\d+)");
    /** Characters a second a text prompt lasts. */
    static final int SPEECH_RATE = 2000;
    /** The callers of the IVR menu flow: each presses 1 this long after the menu's prompt starts. */
    static final String IVR_CALLERS = "4:+1425557*";
    static final String IVR_KEY_DELAY = "20ms";

    private final Process process;
    private final int port;
    private final HttpClient control;
    private final ObjectMapper mapper = new ObjectMapper();

    private EmulatorProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        this.control = HttpClient.newBuilder().sslContext(trustingItsCertificate())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** TLS that trusts the emulator's self-signed certificate, as Switchboard's emulator profile does. */
    static SSLContext trustingItsCertificate() {
        return TrustedCertificate.sslContext(certificate());
    }

    /** The same trust, for netty's SSL contexts. */
    static TrustManagerFactory trustManagers() {
        return TrustedCertificate.trustManagers(certificate());
    }

    private static ClassPathResource certificate() {
        return new ClassPathResource(EmulatorSettings.DEFAULT_CERTIFICATE.substring("classpath:".length()));
    }

    static EmulatorProcess start(Path log) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-Xmx1g", "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"),
                "-Dswitchboard.emulator.port=0",
                "-Dswitchboard.emulator.answer-delay=0s",
                // Prompts as short as the IVR menu flow's keys allow: the benchmark measures Switchboard, not speech.
                "-Dswitchboard.emulator.media.speech-rate=" + SPEECH_RATE,
                "-Dswitchboard.emulator.callers[0].identity=" + IVR_CALLERS,
                "-Dswitchboard.emulator.callers[0].answers[0]=press 1",
                "-Dswitchboard.emulator.callers[0].delay=" + IVR_KEY_DELAY,
                AcsEmulatorMain.class.getName()))
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Files.createDirectories(log.getParent());
        PrintWriter logFile = new PrintWriter(Files.newBufferedWriter(log), true);
        Integer port = null;
        for (String line = output.readLine(); line != null && port == null; line = output.readLine()) {
            logFile.println(line);
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                port = Integer.parseInt(listening.group(1));
            }
        }
        if (port == null) {
            process.destroyForcibly();
            throw new IllegalStateException("The emulator process did not start; see " + log);
        }
        Thread drain = new Thread(() -> {
            try (output; logFile) {
                output.lines().forEach(logFile::println);
            } catch (IOException ignored) {
                // the process ended
            }
        }, "emulator-output");
        drain.setDaemon(true);
        drain.start();
        return new EmulatorProcess(process, port);
    }

    int port() {
        return port;
    }

    String connectionString() {
        return "endpoint=https://localhost:" + port + "/;accesskey=" + EmulatorSettings.DEFAULT_ACCESS_KEY;
    }

    /** A fresh callback token, valid for a few minutes, from the emulator's control API. */
    String callbackToken() {
        return send(HttpRequest.newBuilder(uri("/emulator/callback-tokens")).POST(HttpRequest.BodyPublishers.noBody()))
                .path("token").asText();
    }

    /** The emulator's record of a call, with the time of every operation it received; empty once it is forgotten. */
    Optional<JsonNode> call(String callConnectionId) {
        return Optional.ofNullable(send(HttpRequest.newBuilder(uri("/emulator/calls/" + callConnectionId)).GET()));
    }

    /** A request to the control API with a JSON body, which must succeed; answers its JSON. */
    JsonNode control(String method, String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = control.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("https://localhost:" + port + path);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
