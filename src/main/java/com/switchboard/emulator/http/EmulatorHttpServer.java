package com.switchboard.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import com.switchboard.emulator.model.AcsApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's HTTPS endpoint: the JDK's {@link HttpsServer} on a bounded worker pool. It hands each request to the
 * first {@link Endpoint} that serves it (the Call Automation API, the control API, the OpenID documents) and writes
 * the answer; an {@link AcsApiException} becomes the ACS error it describes, a path nobody serves 404.
 */
public final class EmulatorHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorHttpServer.class);
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final int QUEUED_REQUESTS = 256;

    private final HttpsServer server;
    private final ThreadPoolExecutor workers;
    private volatile List<Endpoint> endpoints = List.of();

    private EmulatorHttpServer(HttpsServer server, ThreadPoolExecutor workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * Binds the address; requests wait until {@link #serve(List)}.
     *
     * @param address where to listen; port 0 picks a free port
     * @param threads worker threads
     */
    public static EmulatorHttpServer bind(InetSocketAddress address, SSLContext tls, int threads) {
        ThreadPoolExecutor workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED_REQUESTS), DaemonThreads.named("acs-emulator-http"),
            new ThreadPoolExecutor.CallerRunsPolicy());
        workers.allowCoreThreadTimeOut(true);
        try {
            HttpsServer server = HttpsServer.create(address, 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.setExecutor(workers);
            return new EmulatorHttpServer(server, workers);
        } catch (IOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("Cannot bind the ACS emulator to " + address, e);
        }
    }

    /** Starts serving: each request goes to the first of the endpoints that serves it. */
    public void serve(List<Endpoint> served) {
        this.endpoints = List.copyOf(served);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            ApiResponse response = respond(exchange);
            exchange.getRequestHeaders().getOrDefault("x-ms-client-request-id", List.of()).stream()
                .findFirst().ifPresent(id -> exchange.getResponseHeaders().set("x-ms-client-request-id", id));
            write(exchange, response);
        } catch (IOException clientGone) {
            LOG.debug("Could not answer {}: {}", exchange.getRequestURI(), clientGone.getMessage());
        }
    }

    private ApiResponse respond(HttpExchange exchange) throws IOException {
        try {
            ApiRequest request = read(exchange);
            Endpoint endpoint = endpoints.stream().filter(candidate -> candidate.serves(request)).findFirst()
                .orElseThrow(() -> new AcsApiException(404, "NotFound",
                    "The resource " + request.rawPath() + " does not exist."));
            return endpoint.handle(request);
        } catch (AcsApiException e) {
            return ApiResponse.error(e.status(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("The ACS emulator failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            return ApiResponse.error(500, "InternalServerError", "The emulator failed: " + e);
        }
    }
    private static ApiRequest read(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new AcsApiException(413, "RequestTooLarge", "The request body exceeds " + MAX_BODY_BYTES + " bytes.");
        }
        return new ApiRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
            exchange.getRequestHeaders(), body);
    }

    private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (response.body().length == 0) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
