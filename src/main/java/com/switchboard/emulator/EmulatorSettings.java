package com.switchboard.emulator;

import com.switchboard.emulator.delivery.EventGridPublisher;
import com.switchboard.emulator.delivery.EventGridSchema;
import com.switchboard.emulator.faults.Faults;
import com.switchboard.emulator.media.CallerRule;
import com.switchboard.emulator.media.MediaSettings;
import com.switchboard.emulator.telephony.PhoneRule;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of an {@link AcsEmulator}: each setting is one component of this record, with its default. Start
 * from {@link #defaults()} and adjust with the {@code with...} methods, or {@link #bind(Binder)} Spring-style
 * properties {@code switchboard.emulator.*} (relaxed binding: {@code switchboard.emulator.answer-delay=500ms},
 * {@code SWITCHBOARD_EMULATOR_ANSWER_DELAY=500ms}, {@code switchboard.emulator.faults.delay=40ms}, ...).
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
 * @param eventGridSchema the event schema of that subscription ({@code EventGrid} or {@code CloudEvents})
 * @param incomingCallTimeout how long an incoming call rings the application; afterwards its incoming call context
 *     is expired (ACS: 30 seconds)
 * @param appIdentities globs over raw ids ({@code 8:acs:*}, {@code +1425555*}) that the application answers for:
 *     a call redirected to one of them raises a new IncomingCall event
 * @param resourceId the emulated ACS resource's immutable id: the {@code aud} of the callback tokens, and the
 *     resource of the application's identity in calls ({@code 8:acs:<resourceId>_...})
 * @param jwtIssuer the {@code iss} of the callback tokens (and of the OpenID configuration)
 * @param jwtLifetime how long a callback token is valid after it was issued ({@code exp - iat})
 * @param faults the fault plan the emulator starts with ({@link Faults#NONE} when null); it can be changed at
 *     runtime
 * @param media how long prompts last and how played files behave ({@code media.speech-rate}, {@code
 *     media.file-duration}, {@code media.files[i]})
 */
public record EmulatorSettings(
    @DefaultValue("127.0.0.1") String bindAddress,
    @DefaultValue("8443") int port,
    @DefaultValue(EmulatorSettings.DEFAULT_ACCESS_KEY) String accessKey,
    @DefaultValue(EmulatorSettings.DEFAULT_CERTIFICATE) String certificate,
    @DefaultValue(EmulatorSettings.DEFAULT_PRIVATE_KEY) String privateKey,
    @DefaultValue("1s") Duration answerDelay,
    @DefaultValue("30s") Duration ringTimeout,
    @DefaultValue("100") int participantsPageSize,
    @DefaultValue("5") int callbackAttempts,
    @DefaultValue("200ms") Duration callbackBackoff,
    @DefaultValue("16") int serverThreads,
    @DefaultValue List<PhoneRule> rules,
    String eventGridUrl,
    @DefaultValue("EventGrid") EventGridSchema eventGridSchema,
    @DefaultValue("30s") Duration incomingCallTimeout,
    @DefaultValue("8:acs:*") List<String> appIdentities,
    @DefaultValue(EmulatorSettings.DEFAULT_RESOURCE_ID) String resourceId,
    @DefaultValue(EmulatorSettings.DEFAULT_JWT_ISSUER) String jwtIssuer,
    @DefaultValue("5m") Duration jwtLifetime,
    Faults faults,
    @DefaultValue MediaSettings media,

    @DefaultValue List<CallerRule> callers) {

    /** Where the settings are bound from: {@code switchboard.emulator.*}. */
    public static final String PREFIX = "switchboard.emulator";
    /** The emulator's fixed development access key (32 random bytes, base64). Not a secret. */
    public static final String DEFAULT_ACCESS_KEY = "TZmAx8lFEIkwNMAB1nnGrtHi7TFEnz57i1bmv+w6nfw=";
    public static final String DEFAULT_CERTIFICATE = "classpath:emulator/emulator-cert.pem";
    public static final String DEFAULT_PRIVATE_KEY = "classpath:emulator/emulator-key.pem";
    /** The emulated resource's immutable id (a fixed random GUID). */
    public static final String DEFAULT_RESOURCE_ID = "5c6a1e2d-8b4f-4f37-9a0e-3d7b2c91f4a8";
    /** The issuer of ACS callback tokens. */
    public static final String DEFAULT_JWT_ISSUER = "https://acscallautomation.communication.azure.com";

    private static final EmulatorSettings DEFAULTS = bind(new Binder());

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
        media = media == null ? MediaSettings.DEFAULTS : media;
        callers = List.copyOf(Objects.requireNonNull(callers == null ? List.of() : callers, "callers"));
    }

    /** Every setting at its default: port 8443, the built-in phone rules ({@link PhoneRule#DEFAULTS}), no faults. */
    public static EmulatorSettings defaults() {
        return DEFAULTS;
    }

    /**
     * The settings under {@value #PREFIX}; unset ones keep their defaults. Configured {@code rules} are evaluated
     * before the built-in {@link PhoneRule#DEFAULTS}, so they can override them (a final {@code identity: "*"} rule
     * even replaces the default "everything answers").
     */
    public static EmulatorSettings bind(Binder binder) {
        EmulatorSettings bound = binder.bindOrCreate(PREFIX, EmulatorSettings.class);
        List<PhoneRule> rules = new ArrayList<>(bound.rules());
        rules.addAll(PhoneRule.DEFAULTS);
        return bound.withRules(rules);
    }

    public EmulatorSettings withBindAddress(String value) {
        return with("bindAddress", value);
    }

    public EmulatorSettings withPort(int value) {
        return with("port", value);
    }

    public EmulatorSettings withAccessKey(String value) {
        return with("accessKey", value);
    }

    public EmulatorSettings withTls(String certificateLocation, String privateKeyLocation) {
        return with("certificate", certificateLocation, "privateKey", privateKeyLocation);
    }

    public EmulatorSettings withAnswerDelay(Duration value) {
        return with("answerDelay", value);
    }

    public EmulatorSettings withRingTimeout(Duration value) {
        return with("ringTimeout", value);
    }

    public EmulatorSettings withParticipantsPageSize(int value) {
        return with("participantsPageSize", value);
    }

    public EmulatorSettings withCallbackRetries(int attempts, Duration backoff) {
        return with("callbackAttempts", attempts, "callbackBackoff", backoff);
    }

    public EmulatorSettings withServerThreads(int value) {
        return with("serverThreads", value);
    }

    /** Replaces the whole list of rules, the built-in ones included. */
    public EmulatorSettings withRules(List<PhoneRule> value) {
        return with("rules", value);
    }

    public EmulatorSettings withEventGrid(String url, EventGridSchema schema) {
        return with("eventGridUrl", url, "eventGridSchema", schema);
    }

    public EmulatorSettings withIncomingCallTimeout(Duration value) {
        return with("incomingCallTimeout", value);
    }

    public EmulatorSettings withAppIdentities(List<String> value) {
        return with("appIdentities", value);
    }

    public EmulatorSettings withResourceId(String value) {
        return with("resourceId", value);
    }

    /** The issuer and lifetime of the callback tokens. */
    public EmulatorSettings withJwt(String issuer, Duration lifetime) {
        return with("jwtIssuer", issuer, "jwtLifetime", lifetime);
    }

    public EmulatorSettings withMedia(MediaSettings value) {
        return with("media", value);
    }

    public EmulatorSettings withFaults(Faults value) {
        return with("faults", value);
    }

    /**
     * A copy with the named components changed ({@code name, value, name, value, ...}), through the canonical
     * constructor and its checks: a new setting is a new component, and nothing else to mirror.
     */
    /** Replaces the scripted callers ({@code callers[i]}: identity, answers, delay, tone-interval). */
    public EmulatorSettings withCallers(List<CallerRule> value) {
        return with("callers", value);
    }

    private EmulatorSettings with(Object... namesAndValues) {
        Map<String, Object> changes = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            changes.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        RecordComponent[] components = EmulatorSettings.class.getRecordComponents();
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                String name = components[i].getName();
                values[i] = changes.containsKey(name) ? changes.remove(name)
                    : components[i].getAccessor().invoke(this);
            }
            if (!changes.isEmpty()) {
                throw new IllegalStateException("EmulatorSettings has no setting " + changes.keySet());
            }
            return EmulatorSettings.class.getDeclaredConstructor(Arrays.stream(components)
                .map(RecordComponent::getType).toArray(Class<?>[]::new)).newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException invalid) {
                throw invalid;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot copy the emulator settings", e);
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
