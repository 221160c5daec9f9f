package com.switchboard.emulator;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.CallAutomationClientBuilder;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.RetryOptions;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Clients for the emulator that trust its self-signed certificate: the real SDK and raw signed HTTP. */
public final class EmulatorClients {

    static final String CERTIFICATE = "emulator/emulator-cert.pem";
    private static final DateTimeFormatter HMAC_DATE =
        DateTimeFormatter.ofPattern("E, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private EmulatorClients() {
    }

    /** The SDK client with the emulator's connection string. */
    static CallAutomationClient sdk(AcsEmulator emulator) {
        return sdk(emulator.connectionString());
    }

    static CallAutomationClient sdk(String connectionString) {
        return new CallAutomationClientBuilder()
            .connectionString(connectionString)
            .httpClient(nettyTrustingEmulator())
            .buildClient();
    }

    /** The SDK client with its own retry options (the default RetryPolicy's strategy, still honouring Retry-After). */
    static CallAutomationClient sdk(AcsEmulator emulator, RetryOptions retryOptions) {
        return new CallAutomationClientBuilder()
            .connectionString(emulator.connectionString())
            .httpClient(nettyTrustingEmulator())
            .retryOptions(retryOptions)
            .buildClient();
    }

    static HttpClient nettyTrustingEmulator() {
        try (InputStream certificate = resource(CERTIFICATE)) {
            SslContext tls = SslContextBuilder.forClient().trustManager(certificate).build();
            return new NettyAsyncHttpClientBuilder(
                reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(tls))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDK HTTP client trusting the emulator's certificate. */
    public static java.net.http.HttpClient jdk() {
        try (InputStream certificate = resource(CERTIFICATE)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("emulator", CertificateFactory.getInstance("X.509")
                .generateCertificate(certificate));
            TrustManagerFactory trustManagers =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trustManagers.getTrustManagers(), null);
            return java.net.http.HttpClient.newBuilder().sslContext(tls).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request signed like the SDK's HmacAuthenticationPolicy (dated now). */
    public static HttpResponse<String> signed(AcsEmulator emulator, String method, String pathAndQuery, String body,
                                              Map<String, String> extraHeaders) {
        return signed(emulator, method, pathAndQuery, body, extraHeaders, ZonedDateTime.now(ZoneOffset.UTC));
    }

    static HttpResponse<String> signed(AcsEmulator emulator, String method, String pathAndQuery, String body,
                                       Map<String, String> extraHeaders, ZonedDateTime date) {
        try {
            URI uri = URI.create(emulator.endpoint()).resolve(pathAndQuery);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String contentHash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(content));
            String msDate = date.format(HMAC_DATE);
            String stringToSign = method + "\n" + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + "\n"
                + msDate + ";" + uri.getHost() + ";" + contentHash;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(EmulatorSettings.DEFAULT_ACCESS_KEY), "HmacSHA256"));
            String signature = Base64.getEncoder().encodeToString(
                mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(content))
                .header("Content-Type", "application/json")
                .header("x-ms-date", msDate)
                .header("x-ms-content-sha256", contentHash)
                .header("Authorization", "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature="
                    + signature);
            extraHeaders.forEach(request::header);
            return jdk().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned request (control API). */
    public static HttpResponse<String> unsigned(AcsEmulator emulator, String method, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.endpoint()).resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
            return jdk().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned request with a JSON body (control API). */
    public static HttpResponse<String> control(AcsEmulator emulator, String method, String path, String json) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.endpoint()).resolve(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
            return jdk().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static InputStream resource(String name) {
        return EmulatorClients.class.getClassLoader().getResourceAsStream(name);
    }
}
