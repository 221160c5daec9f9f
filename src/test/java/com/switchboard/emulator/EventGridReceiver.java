package com.switchboard.emulator;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The application's Event Grid webhook in tests: answers the validation handshakes (correctly, unless told to fail
 * them) and records every request.
 */
final class EventGridReceiver implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean failValidation;

    private EventGridReceiver(HttpServer server) {
        this.server = server;
    }

    static EventGridReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        EventGridReceiver receiver = new EventGridReceiver(server);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/incoming-calls";
    }

    /** Answer the Event Grid validation event without echoing the code, and the OPTIONS handshake without origin. */
    void failValidation() {
        failValidation = true;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The POSTs with {@code aeg-event-type: Notification}. */
    List<Request> notifications() {
        return requests.stream().filter(r -> r.method().equals("POST"))
            .filter(r -> "Notification".equals(r.header("aeg-event-type"))).toList();
    }

    /** The IncomingCall events delivered so far, in either schema. */
    List<JsonNode> incomingCalls() {
        return notifications().stream()
            .flatMap(r -> r.body().isArray() ? r.events().stream() : Stream.of(r.body()))
            .toList();
    }

    JsonNode awaitIncomingCall(String serverCallId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> incomingCalls().stream()
            .filter(e -> serverCallId.equals(e.path("data").path("serverCallId").asText()))
            .findFirst().orElse(null), event -> event != null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> e.getValue().get(0),
                    (a, b) -> a));
            JsonNode json = body.isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(body);
            requests.add(new Request(exchange.getRequestMethod(), headers, json));
            if (exchange.getRequestMethod().equals("OPTIONS")) {
                if (!failValidation) {
                    exchange.getResponseHeaders().set("WebHook-Allowed-Origin",
                        headers.getOrDefault("webhook-request-origin", ""));
                }
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            if ("SubscriptionValidation".equals(headers.get("aeg-event-type"))) {
                String code = json.path(0).path("data").path("validationCode").asText();
                byte[] answer = (failValidation ? "{\"ok\":true}" : "{\"validationResponse\":\"" + code + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
                return;
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    record Request(String method, Map<String, String> headers, JsonNode body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        List<JsonNode> events() {
            List<JsonNode> events = new ArrayList<>();
            body.forEach(events::add);
            return events;
        }
    }
}
