package com.switchboard.bench;

import java.net.URI;
import java.util.function.Function;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Posts ParticipantsUpdated callbacks for random live calls to Switchboard's webhook, with a valid ACS token,
 * as ACS would: one event per POST.
 */
final class CallbackLoad {

    private final Function<LiveCall, URI> webhook;
    private final Supplier<String> token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(2, daemon("callback-load-http"))).build();
    private final AtomicLong failures = new AtomicLong();

    /** @param webhook the callback URL of the call's flow, as ACS has it */
    CallbackLoad(Function<LiveCall, URI> webhook, Supplier<String> token) {
        this.webhook = webhook;
        this.token = token;
    }

    /**
     * As fast as Switchboard delivers: several senders post while fewer than {@code window} posted events wait
     * for correlation ({@code delivered} counts the delivered ones), so the inbox never runs away and the rate
     * measured is the one Switchboard sustains.
     */
    void saturate(List<LiveCall> calls, Duration duration, int senders, int window, LongSupplier delivered)
            throws InterruptedException {
        long deliveredBefore = delivered.getAsLong();
        AtomicLong sent = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(senders, daemon("callback-load"));
        for (int i = 0; i < senders; i++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    if (sent.get() - (delivered.getAsLong() - deliveredBefore) >= window) {
                        LockSupport.parkNanos(100_000);
                        continue;
                    }
                    sent.incrementAndGet();
                    post(random(calls));
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
    }

    /** An open-loop load: {@code perSecond} events a second, whatever Switchboard's answers take. */
    void atRate(List<LiveCall> calls, double perSecond, Duration duration) {
        List<CompletableFuture<?>> posts = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        for (long now = start; now < end; now = System.nanoTime()) {
            long due = (long) ((now - start) / 1e9 * perSecond);
            for (; sent < due; sent++) {
                posts.add(http.sendAsync(request(random(calls)), HttpResponse.BodyHandlers.discarding())
                        .thenAccept(response -> check(response.statusCode()))
                        .exceptionally(e -> {
                            failures.incrementAndGet();
                            return null;
                        }));
            }
            LockSupport.parkNanos(1_000_000);
        }
        CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
    }

    /** POSTs that did not get a 2xx answer (none are expected). */
    long failures() {
        return failures.get();
    }

    private void post(LiveCall call) {
        try {
            check(http.send(request(call), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (java.io.IOException e) {
            failures.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void check(int status) {
        if (status / 100 != 2) {
            failures.incrementAndGet();
        }
    }

    private HttpRequest request(LiveCall call) {
        return HttpRequest.newBuilder(webhook.apply(call)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token.get())
                .POST(HttpRequest.BodyPublishers.ofString(call.participantsUpdated())).build();
    }

    private static LiveCall random(List<LiveCall> calls) {
        return calls.get(ThreadLocalRandom.current().nextInt(calls.size()));
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
