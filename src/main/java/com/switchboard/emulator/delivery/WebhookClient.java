package com.switchboard.emulator.delivery;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/** The HTTP client the emulator POSTs to the application's webhooks with (callbacks, Event Grid). */
public final class WebhookClient {

    private WebhookClient() {
    }

    /** HTTP/1.1 with a 5 s connect timeout, on the given threads. */
    public static HttpClient on(ExecutorService executor) {
        return HttpClient.newBuilder()
            .executor(executor)
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    }
}
