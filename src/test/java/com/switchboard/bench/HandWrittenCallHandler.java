package com.switchboard.bench;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.CallAutomationClientBuilder;
import com.azure.communication.callautomation.CallAutomationEventParser;
import com.azure.communication.callautomation.models.CallInvite;
import com.azure.communication.callautomation.models.events.AddParticipantSucceeded;
import com.azure.communication.callautomation.models.events.CallAutomationEventBase;
import com.azure.communication.callautomation.models.events.CallConnected;
import com.azure.communication.callautomation.models.events.CallDisconnected;
import com.azure.communication.common.CommunicationUserIdentifier;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alternative (c): the same outbound call written by hand, the way the ACS samples do it: one webhook, each call's
 * state in a map in memory, the SDK called from the webhook. No database, no token check, no retries, nothing
 * survives a restart: the ceiling of the HTTP + SDK + emulator path that Switchboard's flows run on.
 */
final class HandWrittenCallHandler implements AutoCloseable {

    /** When the handler received the callbacks it acted on, by call connection id. */
    record Receipts(Instant connected, Instant participantAdded) {
    }

    private final CallAutomationClient client;
    private final HttpServer server;
    private final ExecutorService starters = Executors.newFixedThreadPool(4, CallbackLoad.daemon("hand-written-start"));
    private final Map<String, String> participants = new ConcurrentHashMap<>();
    private final Map<String, Receipts> receipts = new ConcurrentHashMap<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final String callbackUrl;

    HandWrittenCallHandler(String connectionString) throws IOException {
        SslContext ssl = SslContextBuilder.forClient().trustManager(EmulatorProcess.trustManagers()).build();
        this.client = new CallAutomationClientBuilder().connectionString(connectionString)
                .httpClient(new NettyAsyncHttpClientBuilder(
                        reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(ssl))).build())
                .buildClient();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(16, CallbackLoad.daemon("hand-written-webhook")));
        server.createContext("/callbacks", this::onCallback);
        server.start();
        this.callbackUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks";
    }

    /** Calls the target; once it answers, adds the participant; once that succeeds, hangs up for everyone. */
    void start(String target, String participant) {
        starters.execute(() -> {
            try {
                String id = client.createCall(new CallInvite(new CommunicationUserIdentifier(target)), callbackUrl)
                        .getCallConnectionProperties().getCallConnectionId();
                participants.put(id, participant);
            } catch (RuntimeException e) {
                failed.incrementAndGet();
            }
        });
    }

    long completed() {
        return completed.get();
    }

    long failed() {
        return failed.get();
    }

    Map<String, Receipts> receipts() {
        return receipts;
    }

    private void onCallback(HttpExchange exchange) throws IOException {
        Instant received = Instant.now();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            for (CallAutomationEventBase event : CallAutomationEventParser.parseEvents(body)) {
                handle(event, received);
            }
        } catch (RuntimeException e) {
            failed.incrementAndGet();
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private void handle(CallAutomationEventBase event, Instant received) {
        String id = event.getCallConnectionId();
        if (event instanceof CallConnected) {
            receipts.put(id, new Receipts(received, null));
            String participant = awaitParticipant(id);
            client.getCallConnection(id).addParticipant(new CallInvite(new CommunicationUserIdentifier(participant)));
        } else if (event instanceof AddParticipantSucceeded) {
            receipts.computeIfPresent(id, (k, r) -> new Receipts(r.connected(), received));
            client.getCallConnection(id).hangUp(true);
        } else if (event instanceof CallDisconnected && participants.remove(id) != null) {
            completed.incrementAndGet();
        }
    }

    /** CallConnected can overtake the createCall response that told us the call's id. */
    private String awaitParticipant(String id) {
        for (int i = 0; i < 1000; i++) {
            String participant = participants.get(id);
            if (participant != null) {
                return participant;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("No call " + id);
    }

    @Override
    public void close() {
        server.stop(0);
        starters.shutdownNow();
    }
}
