package com.switchboard.emulator;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The application's callback endpoint in tests: records every POST the emulator makes. */
final class CallbackReceiver implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToInject = new AtomicInteger();

    private CallbackReceiver(HttpServer server) {
        this.server = server;
    }

    static CallbackReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        CallbackReceiver receiver = new CallbackReceiver(server);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    String url() {
        return url("/callback");
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next {@code count} POSTs are answered with 500 (and not recorded). */
    void failNext(int count) {
        failuresToInject.set(count);
    }

    List<Post> posts() {
        return List.copyOf(posts);
    }

    /** The Authorization header of every POST in arrival order, also of those answered with an injected failure. */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** The events of a call in arrival order. */
    List<JsonNode> events(String callConnectionId) {
        return posts.stream().flatMap(post -> post.events().stream())
            .filter(event -> callConnectionId.equals(event.path("data").path("callConnectionId").asText()))
            .toList();
    }

    List<String> types(String callConnectionId) {
        return events(callConnectionId).stream().map(e -> e.path("type").asText()
            .replace("Microsoft.Communication.", "")).toList();
    }

    JsonNode awaitEvent(String callConnectionId, String type) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> events(callConnectionId).stream()
            .filter(e -> e.path("type").asText().equals("Microsoft.Communication." + type))
            .findFirst().orElse(null), event -> event != null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            JsonNode array = MAPPER.readTree(body);
            List<JsonNode> events = new ArrayList<>();
            array.forEach(events::add);
            posts.add(new Post(exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Content-Type"), authorization, array, List.copyOf(events)));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    record Post(String path, String contentType, String authorization, JsonNode body, List<JsonNode> events) {
    }
}
