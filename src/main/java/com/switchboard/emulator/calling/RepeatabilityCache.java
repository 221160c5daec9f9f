package com.switchboard.emulator.calling;

import com.switchboard.emulator.http.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Makes requests carrying {@code Repeatability-Request-ID} idempotent: the first request with an id (per method and
 * path) executes, repeats get its stored response without acting again. A repeat arriving while the first is still
 * executing waits for it. Server errors (5xx) are not stored, so a retry executes again. Entries expire after
 * {@link #RETENTION}.
 */
public final class RepeatabilityCache {

    static final Duration RETENTION = Duration.ofMinutes(10);
    public static final String RESULT_HEADER = "Repeatability-Result";

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    public RepeatabilityCache(Clock clock) {
        this.clock = clock;
    }

    public ApiResponse execute(String method, String path, String requestId, Supplier<ApiResponse> action) {
        evictExpired();
        String key = method + " " + path + " " + requestId;
        Entry mine = new Entry(new CompletableFuture<>(), clock.instant());
        Entry first = entries.putIfAbsent(key, mine);
        if (first != null) {
            return first.response().join();
        }
        ApiResponse response;
        try {
            response = action.get().withHeader(RESULT_HEADER, "accepted");
        } catch (RuntimeException e) {
            entries.remove(key, mine);
            mine.response().completeExceptionally(e);
            throw e;
        }
        if (response.status() >= 500) {
            entries.remove(key, mine);
        }
        mine.response().complete(response);
        return response;
    }

    private void evictExpired() {
        Instant oldest = clock.instant().minus(RETENTION);
        entries.values().removeIf(entry -> entry.created().isBefore(oldest) && entry.response().isDone());
    }

    private record Entry(CompletableFuture<ApiResponse> response, Instant created) {
    }
}
