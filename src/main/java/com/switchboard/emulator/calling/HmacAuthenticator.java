package com.switchboard.emulator.calling;

import com.switchboard.emulator.http.ApiRequest;
import com.switchboard.emulator.model.AcsApiException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the HMAC-SHA256 request signature of Azure Communication Services, as the SDK's
 * {@code HmacAuthenticationPolicy} computes it.
 *
 * <p>Header: {@code Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<b64>}.
 * String to sign: {@code METHOD \n path-and-query \n value;value;value} with the values of the signed headers in
 * the order listed. The content hash must match the body, and {@code x-ms-date} (or {@code date}) must be within
 * {@link #MAX_CLOCK_SKEW} of now.
 *
 * <p>{@code host} is signed as the Host header was sent ({@code localhost:8443}: the JavaScript, .NET and Python SDKs)
 * or without its port ({@code localhost}: the Java SDK). Real ACS is reached on 443, where the two agree; the emulator
 * listens on another port, so it accepts either form, and nothing else.
 */
public final class HmacAuthenticator {

    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
    private static final String SCHEME = "HMAC-SHA256 ";
    private static final String CONTENT_HASH = "x-ms-content-sha256";

    private final byte[] key;
    private final Clock clock;

    public HmacAuthenticator(String base64AccessKey, Clock clock) {
        this.key = Base64.getDecoder().decode(base64AccessKey);
        this.clock = clock;
    }

    /** @throws AcsApiException 401 when the request is not signed correctly */
    public void verify(ApiRequest request) {
        String authorization = request.header("authorization")
            .orElseThrow(() -> unauthorized("The Authorization header is missing."));
        if (!authorization.startsWith(SCHEME)) {
            throw unauthorized("The Authorization header must use the HMAC-SHA256 scheme.");
        }
        List<String> signedHeaders = List.of();
        String signature = null;
        for (String part : authorization.substring(SCHEME.length()).trim().split("&")) {
            if (part.startsWith("SignedHeaders=")) {
                signedHeaders = List.of(part.substring("SignedHeaders=".length()).toLowerCase(Locale.ROOT).split(";"));
            } else if (part.startsWith("Signature=")) {
                signature = part.substring("Signature=".length());
            }
        }
        if (signature == null || !signedHeaders.contains(CONTENT_HASH) || !signedHeaders.contains("host")
            || !(signedHeaders.contains("x-ms-date") || signedHeaders.contains("date"))) {
            throw unauthorized("The Authorization header must sign x-ms-date, host and x-ms-content-sha256.");
        }
        verifyContentHash(request);
        verifyDate(request);
        byte[] actual;
        try {
            actual = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException notBase64) {
            throw unauthorized("The signature is not valid base64.");
        }
        String host = request.header("host").orElseThrow(() -> unauthorized("The signed header 'host' is missing."));
        for (String signedHost : new LinkedHashSet<>(List.of(host, withoutPort(host)))) {
            if (MessageDigest.isEqual(hmac(stringToSign(request, signedHeaders, signedHost)), actual)) {
                return;
            }
        }
        throw unauthorized("The request signature does not match; check the access key.");
    }

    private static String stringToSign(ApiRequest request, List<String> signedHeaders, String signedHost) {
        return request.method().toUpperCase(Locale.ROOT) + "\n" + request.pathAndQuery() + "\n"
            + String.join(";", headerValues(request, signedHeaders, signedHost));
    }

    private void verifyContentHash(ApiRequest request) {
        String declared = request.header(CONTENT_HASH)
            .orElseThrow(() -> unauthorized("The x-ms-content-sha256 header is missing."));
        byte[] actual = sha256(request.body());
        if (!MessageDigest.isEqual(actual, decodeOrEmpty(declared))) {
            throw unauthorized("The x-ms-content-sha256 header does not match the request body.");
        }
    }

    private void verifyDate(ApiRequest request) {
        String value = request.header("x-ms-date").or(() -> request.header("date"))
            .orElseThrow(() -> unauthorized("The x-ms-date header is missing."));
        Instant date;
        try {
            date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw unauthorized("The x-ms-date header is not an RFC 1123 date: " + value);
        }
        Duration skew = Duration.between(date, clock.instant()).abs();
        if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw unauthorized("The x-ms-date header is more than 15 minutes off the server time.");
        }
    }

    private static List<String> headerValues(ApiRequest request, List<String> signedHeaders, String signedHost) {
        List<String> values = new ArrayList<>();
        for (String name : signedHeaders) {
            Optional<String> value = request.header(name);
            if (value.isEmpty()) {
                throw unauthorized("The signed header '" + name + "' is missing.");
            }
            values.add("host".equals(name) ? signedHost : value.get());
        }
        return values;
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private byte[] hmac(String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] decodeOrEmpty(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            return new byte[0];
        }
    }

    private static AcsApiException unauthorized(String message) {
        return new AcsApiException(401, "Unauthorized", message);
    }
}
