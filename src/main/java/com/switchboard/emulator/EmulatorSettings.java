package com.switchboard.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of an {@link AcsEmulator}. Start from {@link #defaults()} and adjust with the {@code with...}
 * methods; Spring-style properties {@code switchboard.emulator.*} are bound by {@link EmulatorSettingsBinding}.
 *
 * @param bindAddress address the HTTPS server binds to
 * @param port port to bind; 0 picks a free port
 * @param accessKey base64 HMAC key that clients sign requests with (the connection string's {@code accesskey})
 * @param certificate PEM certificate location ({@code classpath:...} or a file path)
 * @param privateKey PKCS#8 PEM private key location ({@code classpath:...} or a file path)
 * @param answerDelay how long callees ring before their rule's outcome (answer, busy, ...)
 * @param ringTimeout how long a callee that never answers rings before the call fails with 408
 * @param participantsPageSize page size of the list participants operation
 * @param callbackAttempts how many times a callback POST is attempted before the event is dropped
 * @param callbackBackoff the delay before the first retry; it doubles with every further retry
 * @param serverThreads worker threads of the HTTPS server
 * @param rules phone-network rules, first match wins; callees no rule matches answer
 */
public record EmulatorSettings(
    String bindAddress,
    int port,
    String accessKey,
    String certificate,
    String privateKey,
    Duration answerDelay,
    Duration ringTimeout,
    int participantsPageSize,
    int callbackAttempts,
    Duration callbackBackoff,
    int serverThreads,
    List<PhoneRule> rules) {

    /** The emulator's fixed development access key (32 random bytes, base64). Not a secret. */
    public static final String DEFAULT_ACCESS_KEY = "TZmAx8lFEIkwNMAB1nnGrtHi7TFEnz57i1bmv+w6nfw=";
    public static final String DEFAULT_CERTIFICATE = "classpath:emulator/emulator-cert.pem";
    public static final String DEFAULT_PRIVATE_KEY = "classpath:emulator/emulator-key.pem";

    public EmulatorSettings {
        requireText(bindAddress, "bindAddress");
        requireText(accessKey, "accessKey");
        requireText(certificate, "certificate");
        requireText(privateKey, "privateKey");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        requireNotNegative(answerDelay, "answerDelay");
        requireNotNegative(ringTimeout, "ringTimeout");
        requireNotNegative(callbackBackoff, "callbackBackoff");
        if (participantsPageSize < 1) {
            throw new IllegalArgumentException("participantsPageSize must be positive");
        }
        if (callbackAttempts < 1) {
            throw new IllegalArgumentException("callbackAttempts must be at least 1");
        }
        if (serverThreads < 1) {
            throw new IllegalArgumentException("serverThreads must be at least 1");
        }
        rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    }

    public static EmulatorSettings defaults() {
        return new EmulatorSettings("127.0.0.1", 8443, DEFAULT_ACCESS_KEY, DEFAULT_CERTIFICATE, DEFAULT_PRIVATE_KEY,
            Duration.ofSeconds(1), Duration.ofSeconds(30), 100, 5, Duration.ofMillis(200), 16, PhoneRule.DEFAULTS);
    }

    public EmulatorSettings withBindAddress(String value) {
        return new EmulatorSettings(value, port, accessKey, certificate, privateKey, answerDelay, ringTimeout,
            participantsPageSize, callbackAttempts, callbackBackoff, serverThreads, rules);
    }

    public EmulatorSettings withPort(int value) {
        return new EmulatorSettings(bindAddress, value, accessKey, certificate, privateKey, answerDelay, ringTimeout,
            participantsPageSize, callbackAttempts, callbackBackoff, serverThreads, rules);
    }

    public EmulatorSettings withAccessKey(String value) {
        return new EmulatorSettings(bindAddress, port, value, certificate, privateKey, answerDelay, ringTimeout,
            participantsPageSize, callbackAttempts, callbackBackoff, serverThreads, rules);
    }

    public EmulatorSettings withTls(String certificateLocation, String privateKeyLocation) {
        return new EmulatorSettings(bindAddress, port, accessKey, certificateLocation, privateKeyLocation, answerDelay,
            ringTimeout, participantsPageSize, callbackAttempts, callbackBackoff, serverThreads, rules);
    }

    public EmulatorSettings withAnswerDelay(Duration value) {
        return new EmulatorSettings(bindAddress, port, accessKey, certificate, privateKey, value, ringTimeout,
            participantsPageSize, callbackAttempts, callbackBackoff, serverThreads, rules);
    }

    public EmulatorSettings withRingTimeout(Duration value) {
        return new EmulatorSettings(bindAddress, port, accessKey, certificate, privateKey, answerDelay, value,
            participantsPageSize, callbackAttempts, callbackBackoff, serverThreads, rules);
    }

    public EmulatorSettings withParticipantsPageSize(int value) {
        return new EmulatorSettings(bindAddress, port, accessKey, certificate, privateKey, answerDelay, ringTimeout,
            value, callbackAttempts, callbackBackoff, serverThreads, rules);
    }

    public EmulatorSettings withCallbackRetries(int attempts, Duration backoff) {
        return new EmulatorSettings(bindAddress, port, accessKey, certificate, privateKey, answerDelay, ringTimeout,
            participantsPageSize, attempts, backoff, serverThreads, rules);
    }

    public EmulatorSettings withServerThreads(int value) {
        return new EmulatorSettings(bindAddress, port, accessKey, certificate, privateKey, answerDelay, ringTimeout,
            participantsPageSize, callbackAttempts, callbackBackoff, value, rules);
    }

    public EmulatorSettings withRules(List<PhoneRule> value) {
        return new EmulatorSettings(bindAddress, port, accessKey, certificate, privateKey, answerDelay, ringTimeout,
            participantsPageSize, callbackAttempts, callbackBackoff, serverThreads, value);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive");
        }
    }
}
