package com.switchboard.emulator;

import com.switchboard.emulator.delivery.EventGridPublisher;
import com.switchboard.emulator.delivery.EventGridSchema;
import com.switchboard.emulator.faults.Faults;
import com.switchboard.emulator.telephony.PhoneRule;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

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
 * @param callbackAttempts how many times a callback (or Event Grid) POST is attempted before the event is dropped
 * @param callbackBackoff the delay before the first retry; it doubles with every further retry
 * @param serverThreads worker threads of the HTTPS server
 * @param rules phone-network rules, first match wins; callees no rule matches answer
 * @param eventGridUrl the application's webhook that the Event Grid subscription for IncomingCall events delivers
 *     to; null or blank for no subscription
 * @param eventGridSchema the event schema of that subscription
 * @param incomingCallTimeout how long an incoming call rings the application; afterwards its incoming call context
 *     is expired (ACS: 30 seconds)
 * @param appIdentities globs over raw ids ({@code 8:acs:*}, {@code +1425555*}) that the application answers for:
 *     a call redirected to one of them raises a new IncomingCall event
 * @param resourceId the emulated ACS resource's immutable id: the {@code aud} of the callback tokens
 * @param jwtIssuer the {@code iss} of the callback tokens (and of the OpenID configuration)
 * @param jwtLifetime how long a callback token is valid after it was issued ({@code exp - iat})
 * @param faults the fault plan the emulator starts with ({@link Faults#NONE} when null); it can be changed at runtime
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
    List<PhoneRule> rules,
    String eventGridUrl,
    EventGridSchema eventGridSchema,
    Duration incomingCallTimeout,
    List<String> appIdentities,
    String resourceId,
    String jwtIssuer,
    Duration jwtLifetime,
    Faults faults) {

    /** The emulator's fixed development access key (32 random bytes, base64). Not a secret. */
    public static final String DEFAULT_ACCESS_KEY = "TZmAx8lFEIkwNMAB1nnGrtHi7TFEnz57i1bmv+w6nfw=";
    public static final String DEFAULT_CERTIFICATE = "classpath:emulator/emulator-cert.pem";
    public static final String DEFAULT_PRIVATE_KEY = "classpath:emulator/emulator-key.pem";
    /** Every ACS user of the emulated resource: calls to them reach the application through Event Grid. */
    public static final List<String> DEFAULT_APP_IDENTITIES = List.of("8:acs:*");
    /** The emulated resource's immutable id (a fixed random GUID): the audience of the callback tokens. */
    public static final String DEFAULT_RESOURCE_ID = "5c6a1e2d-8b4f-4f37-9a0e-3d7b2c91f4a8";
    /** The issuer of ACS callback tokens. */
    public static final String DEFAULT_JWT_ISSUER = "https://acscallautomation.communication.azure.com";
    /** About as long as ACS callback tokens are valid. */
    public static final Duration DEFAULT_JWT_LIFETIME = Duration.ofMinutes(5);

    public EmulatorSettings {
        requireText(bindAddress, "bindAddress");
        requireText(accessKey, "accessKey");
        requireText(certificate, "certificate");
        requireText(privateKey, "privateKey");
        requireText(resourceId, "resourceId");
        requireText(jwtIssuer, "jwtIssuer");
        if (jwtLifetime == null || jwtLifetime.isNegative() || jwtLifetime.isZero()) {
            throw new IllegalArgumentException("jwtLifetime must be positive");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        requireNotNegative(answerDelay, "answerDelay");
        requireNotNegative(ringTimeout, "ringTimeout");
        requireNotNegative(callbackBackoff, "callbackBackoff");
        requireNotNegative(incomingCallTimeout, "incomingCallTimeout");
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
        eventGridUrl = eventGridUrl == null || eventGridUrl.isBlank() ? null
            : EventGridPublisher.requireWebhook(eventGridUrl.trim());
        eventGridSchema = eventGridSchema == null ? EventGridSchema.EVENT_GRID : eventGridSchema;
        appIdentities = List.copyOf(Objects.requireNonNull(appIdentities, "appIdentities"));
        faults = faults == null ? Faults.NONE : faults;
    }

    public static EmulatorSettings defaults() {
        return new EmulatorSettings("127.0.0.1", 8443, DEFAULT_ACCESS_KEY, DEFAULT_CERTIFICATE, DEFAULT_PRIVATE_KEY,
            Duration.ofSeconds(1), Duration.ofSeconds(30), 100, 5, Duration.ofMillis(200), 16, PhoneRule.DEFAULTS,
            null, EventGridSchema.EVENT_GRID, Duration.ofSeconds(30), DEFAULT_APP_IDENTITIES, DEFAULT_RESOURCE_ID,
            DEFAULT_JWT_ISSUER, DEFAULT_JWT_LIFETIME, Faults.NONE);
    }

    public EmulatorSettings withBindAddress(String value) {
        return copy(settings -> settings.bindAddress = value);
    }

    public EmulatorSettings withPort(int value) {
        return copy(settings -> settings.port = value);
    }

    public EmulatorSettings withAccessKey(String value) {
        return copy(settings -> settings.accessKey = value);
    }

    public EmulatorSettings withTls(String certificateLocation, String privateKeyLocation) {
        return copy(settings -> {
            settings.certificate = certificateLocation;
            settings.privateKey = privateKeyLocation;
        });
    }

    public EmulatorSettings withAnswerDelay(Duration value) {
        return copy(settings -> settings.answerDelay = value);
    }

    public EmulatorSettings withRingTimeout(Duration value) {
        return copy(settings -> settings.ringTimeout = value);
    }

    public EmulatorSettings withParticipantsPageSize(int value) {
        return copy(settings -> settings.participantsPageSize = value);
    }

    public EmulatorSettings withCallbackRetries(int attempts, Duration backoff) {
        return copy(settings -> {
            settings.callbackAttempts = attempts;
            settings.callbackBackoff = backoff;
        });
    }

    public EmulatorSettings withServerThreads(int value) {
        return copy(settings -> settings.serverThreads = value);
    }

    public EmulatorSettings withRules(List<PhoneRule> value) {
        return copy(settings -> settings.rules = value);
    }

    public EmulatorSettings withEventGrid(String url, EventGridSchema schema) {
        return copy(settings -> {
            settings.eventGridUrl = url;
            settings.eventGridSchema = schema;
        });
    }

    public EmulatorSettings withIncomingCallTimeout(Duration value) {
        return copy(settings -> settings.incomingCallTimeout = value);
    }

    public EmulatorSettings withAppIdentities(List<String> value) {
        return copy(settings -> settings.appIdentities = value);
    }

    public EmulatorSettings withResourceId(String value) {
        return copy(settings -> settings.resourceId = value);
    }

    /** The issuer and lifetime of the callback tokens. */
    public EmulatorSettings withJwt(String issuer, Duration lifetime) {
        return copy(settings -> {
            settings.jwtIssuer = issuer;
            settings.jwtLifetime = lifetime;
        });
    }

    public EmulatorSettings withFaults(Faults value) {
        return copy(settings -> settings.faults = value);
    }

    /** A copy with some settings changed; every with-method goes through it, so a new setting is added once. */
    private EmulatorSettings copy(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.settings();
    }

    /** The settings while a copy is being changed. */
    private static final class Draft {
        String bindAddress;
        int port;
        String accessKey;
        String certificate;
        String privateKey;
        Duration answerDelay;
        Duration ringTimeout;
        int participantsPageSize;
        int callbackAttempts;
        Duration callbackBackoff;
        int serverThreads;
        List<PhoneRule> rules;
        String eventGridUrl;
        EventGridSchema eventGridSchema;
        Duration incomingCallTimeout;
        List<String> appIdentities;
        String resourceId;
        String jwtIssuer;
        Duration jwtLifetime;
        Faults faults;

        Draft(EmulatorSettings from) {
            bindAddress = from.bindAddress;
            port = from.port;
            accessKey = from.accessKey;
            certificate = from.certificate;
            privateKey = from.privateKey;
            answerDelay = from.answerDelay;
            ringTimeout = from.ringTimeout;
            participantsPageSize = from.participantsPageSize;
            callbackAttempts = from.callbackAttempts;
            callbackBackoff = from.callbackBackoff;
            serverThreads = from.serverThreads;
            rules = from.rules;
            eventGridUrl = from.eventGridUrl;
            eventGridSchema = from.eventGridSchema;
            incomingCallTimeout = from.incomingCallTimeout;
            appIdentities = from.appIdentities;
            resourceId = from.resourceId;
            jwtIssuer = from.jwtIssuer;
            jwtLifetime = from.jwtLifetime;
            faults = from.faults;
        }

        EmulatorSettings settings() {
            return new EmulatorSettings(bindAddress, port, accessKey, certificate, privateKey, answerDelay, ringTimeout,
                participantsPageSize, callbackAttempts, callbackBackoff, serverThreads, rules, eventGridUrl, eventGridSchema,
                incomingCallTimeout, appIdentities, resourceId, jwtIssuer, jwtLifetime, faults);
        }
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
