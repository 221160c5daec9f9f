package com.switchboard.emulator.calling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.emulator.EmulatorSettings;
import com.switchboard.emulator.http.ApiRequest;
import com.switchboard.emulator.model.AcsApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HmacAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-03-05T10:00:00Z");
    private static final String PATH = "/calling/callConnections/abc/participants/4%3A%2B15551234567";
    private static final String QUERY = "api-version=2023-03-06";

    private final HmacAuthenticator authenticator =
        new HmacAuthenticator(EmulatorSettings.DEFAULT_ACCESS_KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsTheHostSignedWithoutItsPortAsTheJavaSdkSignsIt() {
        assertThatCode(() -> authenticator.verify(request("GET", "", "localhost:8443", "localhost", NOW)))
            .doesNotThrowAnyException();
    }

    @Test
    void acceptsTheHostSignedWithItsPortAsTheJavaScriptDotNetAndPythonSdksSignIt() {
        assertThatCode(() -> authenticator.verify(request("GET", "", "localhost:8443", "localhost:8443", NOW)))
            .doesNotThrowAnyException();
        assertThatCode(() -> authenticator.verify(request("GET", "", "[::1]:8443", "[::1]:8443", NOW)))
            .doesNotThrowAnyException();
        assertThatCode(() -> authenticator.verify(request("GET", "", "[::1]:8443", "[::1]", NOW)))
            .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({"localhost:8443, localhost:9443", "localhost:8443, emulator:8443", "localhost:8443, emulator",
        "localhost:8443, localhost:8443:8443", "localhost:8443, ''", "localhost, localhost:443"})
    void rejectsASignatureOverAnotherHostOrPort(String host, String signedHost) {
        assertUnauthorized(request("GET", "", host, signedHost, NOW), "signature does not match");
    }

    @Test
    void rejectsBodyThatDoesNotMatchTheContentHash() {
        ApiRequest signed = request("POST", "{\"a\":1}", "localhost", NOW);
        ApiRequest tampered = new ApiRequest(signed.method(), signed.rawPath(), signed.rawQuery(), signed.headers(),
            "{\"a\":2}".getBytes(StandardCharsets.UTF_8));
        assertUnauthorized(tampered, "x-ms-content-sha256");
    }

    @Test
    void rejectsSignatureOverAnotherPath() {
        ApiRequest signed = request("GET", "", "localhost", NOW);
        ApiRequest otherPath = new ApiRequest("GET", "/calling/callConnections/other", QUERY, signed.headers(),
            new byte[0]);
        assertUnauthorized(otherPath, "signature");
    }

    @Test
    void rejectsDatesMoreThanFifteenMinutesOff() {
        assertUnauthorized(request("GET", "", "localhost", NOW.minusSeconds(16 * 60)), "15 minutes");
        assertUnauthorized(request("GET", "", "localhost", NOW.plusSeconds(16 * 60)), "15 minutes");
        assertThatCode(() -> authenticator.verify(request("GET", "", "localhost", NOW.minusSeconds(14 * 60))))
            .doesNotThrowAnyException();
    }

    @Test
    void rejectsMissingAuthorization() {
        ApiRequest request = new ApiRequest("GET", PATH, QUERY, Map.of("Host", List.of("localhost")), new byte[0]);
        assertUnauthorized(request, "Authorization");
    }

    private void assertUnauthorized(ApiRequest request, String messagePart) {
        assertThatThrownBy(() -> authenticator.verify(request))
            .isInstanceOfSatisfying(AcsApiException.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.code()).isEqualTo("Unauthorized");
            })
            .hasMessageContaining(messagePart);
    }

    private static ApiRequest request(String method, String body, String host, Instant date) {
        return request(method, body, host, host.replaceFirst(":\\d+$", ""), date);
    }

    /** A request with the Host header {@code host}, signed over {@code signedHost}. */
    private static ApiRequest request(String method, String body, String host, String signedHost, Instant date) {
        try {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
            String msDate = DateTimeFormatter.ofPattern("E, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
                .format(date.atZone(ZoneOffset.UTC));
            String toSign = method + "\n" + PATH + "?" + QUERY + "\n" + msDate + ";" + signedHost + ";" + hash;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(EmulatorSettings.DEFAULT_ACCESS_KEY), "HmacSHA256"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
            return new ApiRequest(method, PATH, QUERY, Map.of(
                "Host", List.of(host),
                "x-ms-date", List.of(msDate),
                "x-ms-content-sha256", List.of(hash),
                "Authorization", List.of("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature="
                    + signature)), content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
