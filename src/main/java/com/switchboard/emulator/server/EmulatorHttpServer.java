package com.switchboard.emulator.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import com.switchboard.emulator.callback.CallbackDispatcher;
import com.switchboard.emulator.callback.CallbackTokenIssuer;
import com.switchboard.emulator.callback.DaemonThreads;
import com.switchboard.emulator.eventgrid.EventGridPublisher;
import com.switchboard.emulator.faults.FaultInjector;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.telephony.CallEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import javax.net.ssl.SSLContext;

/**
 * The emulator's HTTPS endpoint: the JDK's {@link HttpsServer} on a bounded worker pool, serving the Call
 * Automation API under {@code /calling}, the control API under {@code /emulator}, and, without authentication,
 * the OpenID configuration and keys that verify callback tokens ({@link #OPENID_CONFIGURATION_PATH},
 * {@link #KEYS_PATH}).
 */
public final class EmulatorHttpServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmulatorHttpServer.class.getName());
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final int QUEUED_REQUESTS = 256;
    /** Where ACS publishes the OpenID configuration for its callback tokens. */
    public static final String OPENID_CONFIGURATION_PATH = "/calling/.well-known/acsopenidconfiguration";
    /** Where ACS publishes the JWK set of its callback signing keys. */
    public static final String KEYS_PATH = "/calling/keys";

    private final HttpsServer server;
    private final ThreadPoolExecutor workers;
    private final CallingApi callingApi;
    private final ControlApi controlApi;
    private final OpenIdApi openIdApi;

    private EmulatorHttpServer(HttpsServer server, ThreadPoolExecutor workers, CallingApi callingApi,
                               ControlApi controlApi, OpenIdApi openIdApi) {
        this.server = server;
        this.workers = workers;
        this.callingApi = callingApi;
        this.controlApi = controlApi;
        this.openIdApi = openIdApi;
    }

    /**
     * Binds and starts serving.
     *
     * @param address where to listen; port 0 picks a free port
     * @param participantsPageSize read per request, so it can change at runtime
     * @param tokens whose issuer and public keys the OpenID endpoints publish
     * @param callbacks whose deliveries a response may wait for (fault plan: deliver before response)
     * @param faults the fault plan, applied to actions and changed through the control API
     */
    public static EmulatorHttpServer start(InetSocketAddress address, SSLContext tls, int threads, CallEngine engine,
                                           EventGridPublisher eventGrid, String accessKey,
                                           IntSupplier participantsPageSize, CallbackTokenIssuer tokens,
                                           CallbackDispatcher callbacks, FaultInjector faults) {
        ThreadPoolExecutor workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED_REQUESTS), DaemonThreads.named("acs-emulator-http"),
            new ThreadPoolExecutor.CallerRunsPolicy());
        workers.allowCoreThreadTimeOut(true);
        try {
            HttpsServer server = HttpsServer.create(address, 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.setExecutor(workers);
            Clock clock = Clock.systemUTC();
            EmulatorHttpServer emulatorServer = new EmulatorHttpServer(server, workers,
                new CallingApi(engine, new HmacAuthenticator(accessKey, clock), new RepeatabilityCache(clock),
                    participantsPageSize, new ActionFaults(faults, callbacks)),
                new ControlApi(engine, eventGrid, faults, tokens),
                new OpenIdApi(tokens, "localhost:" + server.getAddress().getPort()));
            server.createContext("/", emulatorServer::handle);
            server.start();
            return emulatorServer;
        } catch (IOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("Cannot bind the ACS emulator to " + address, e);
        }
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
            LOG.log(Level.DEBUG, "Could not answer " + exchange.getRequestURI() + ": " + clientGone.getMessage());
        }
    }

    private ApiResponse respond(HttpExchange exchange) throws IOException {
        try {
            ApiRequest request = read(exchange);
            if (openIdApi.serves(request)) {
                return openIdApi.handle(request);
            }
            if (request.rawPath().startsWith("/emulator/")) {
                return controlApi.handle(request);
            }
            if (request.rawPath().startsWith("/calling/")) {
                return callingApi.handle(request);
            }
            throw new AcsApiException(404, "NotFound", "The resource " + request.rawPath() + " does not exist.");
        } catch (AcsApiException e) {
            return ApiResponse.error(e.status(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "The ACS emulator failed on " + exchange.getRequestMethod() + " "
                + exchange.getRequestURI(), e);
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
