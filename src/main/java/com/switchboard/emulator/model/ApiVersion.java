package com.switchboard.emulator.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The stable Call Automation api-versions the emulator answers, oldest first.
 *
 * <p>Feature flags follow the published OpenAPI specifications: 2023-03-06 is the version the Java SDK
 * 1.0.4 speaks; 2023-10-15 added cancel add participant, {@code invitationId}, the {@code transferee} of a transfer
 * and {@code customCallingContext}; 2024-04-15 added {@code operationCallbackUri}; 2024-09-15 added connect, hold
 * ({@code isOnHold}) and the AnswerFailed and ConnectFailed events.
 */
public enum ApiVersion {
    V2023_03_06("2023-03-06"),
    V2023_10_15("2023-10-15"),
    V2024_04_15("2024-04-15"),
    V2024_09_15("2024-09-15"),
    V2025_05_15("2025-05-15"),
    V2025_06_15("2025-06-15"),
    V2026_03_12("2026-03-12");

    private final String value;

    ApiVersion(String value) {
        this.value = value;
    }

    public static Optional<ApiVersion> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.value.equals(value)).findFirst();
    }

    public static String supportedList() {
        return Arrays.stream(values()).map(ApiVersion::value).collect(Collectors.joining(", "));
    }

    public String value() {
        return value;
    }

    public boolean isAtLeast(ApiVersion other) {
        return compareTo(other) >= 0;
    }

    public boolean hasInvitationId() {
        return isAtLeast(V2023_10_15);
    }

    public boolean hasOperationCallbackUri() {
        return isAtLeast(V2024_04_15);
    }

    public boolean hasCustomCallingContext() {
        return isAtLeast(V2023_10_15);
    }

    /** AnswerFailed exists; before, a failed answer is reported by CallDisconnected. */
    public boolean hasAnswerFailed() {
        return isAtLeast(V2024_09_15);
    }

    public boolean hasHoldState() {
        return isAtLeast(V2024_09_15);
    }

    @Override
    public String toString() {
        return value;
    }
}
