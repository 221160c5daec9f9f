package com.switchboard.emulator.telephony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.delivery.EventGridPublisher;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.AcsJson;
import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.model.IdentityGlob;
import com.switchboard.emulator.model.ResultInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Calls to the application: placed through the control API, announced by a {@code Microsoft.Communication.IncomingCall}
 * Event Grid event, and answered, rejected or redirected with its incoming call context.
 *
 * <p>The outcomes follow ACS:
 * <ul>
 *   <li>answer: 200 with the call {@code connecting}, then CallConnected and ParticipantsUpdated (the application and
 *   the caller). If the caller hung up before the answer (but the context has not expired), the answer is still
 *   accepted and fails asynchronously: AnswerFailed (487) from api-version 2024-09-15 on, CallDisconnected before.</li>
 *   <li>reject: 204, no events. redirect: 204, no events; a redirect to an identity the application answers for
 *   ({@code app-identities}) rings the application again with a new IncomingCall event for that target.</li>
 *   <li>an unknown context: 400/8523; an expired one (nobody acted within the incoming call timeout): 404/8522; a
 *   context already answered, rejected or redirected: 400/8523; reject or redirect after the caller hung up:
 *   404/8522.</li>
 * </ul>
 */
public final class InboundCalls {

    public static final String INCOMING_CALL_EVENT = "Microsoft.Communication.IncomingCall";
    /** The shortest and longest incoming call context one may ask for; an Event Grid event may hold 1 MB. */
    static final int MIN_CONTEXT_LENGTH = 64;
    static final int MAX_CONTEXT_LENGTH = 512 * 1024;
    private static final int KEPT = 500;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CallConnections connections;
    private final EventGridPublisher eventGrid;
    private final Clock clock;
    private volatile Duration timeout;
    private volatile List<IdentityGlob> appIdentities;
    /** By incoming call context, oldest first; bounded. Guarded by itself. */
    private final Map<String, IncomingCall> calls = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, IncomingCall> eldest) {
            return size() > KEPT;
        }
    };

    InboundCalls(CallConnections connections, EventGridPublisher eventGrid, Clock clock, Duration timeout,
                 List<String> appIdentities) {
        this.connections = connections;
        this.eventGrid = eventGrid;
        this.clock = clock;
        this.timeout = timeout;
        setAppIdentities(appIdentities);
    }

    public void setTimeout(Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("incomingCallTimeout must not be negative");
        }
        this.timeout = value;
    }

    public void setAppIdentities(List<String> globs) {
        this.appIdentities = globs.stream().map(IdentityGlob::new).toList();
    }

    /**
     * Rings the application: registers the call and publishes its IncomingCall event.
     *
     * @throws AcsApiException 400/8523 for a bad {@code from} or {@code to}, or a context length out of range
     */
    public IncomingCallResult place(IncomingCallRequest request) {
        Identifier from = Identifier.parse(request.from(), "from");
        Identifier to = Identifier.parse(request.to(), "to");
        Integer length = request.contextLength();
        if (length != null && (length < MIN_CONTEXT_LENGTH || length > MAX_CONTEXT_LENGTH)) {
            throw AcsApiException.invalidArgument("The field 'contextLength' must be between " + MIN_CONTEXT_LENGTH
                + " and " + MAX_CONTEXT_LENGTH + ".");
        }
        IncomingCall call = ring(from, to, request.callerDisplayName(), request.sipHeaders(), request.voipHeaders(),
            UUID.randomUUID().toString(), length == null ? newContext() : newContext(length));
        return new IncomingCallResult(call.serverCallId(), call.context(), call.correlationId());
    }

    /** Answers the call: a new call connection, connecting until the caller is joined. */
    public EmulatedCall answer(String context, URI callbackUri, Identifier answeredBy, Operation operation) {
        IncomingCall incoming = require(context);
        synchronized (incoming) {
            incoming.requireActionable("answered", true);
            Identifier caller = incoming.from();
            EmulatedCall call = connections.open(new CallSetup(UUID.randomUUID().toString(), incoming.serverCallId(),
                incoming.correlationId(), answeredBy != null ? answeredBy : connections.applicationIdentity(), caller,
                List.of(incoming.to()), callbackUri, caller.isPhoneNumber() ? caller : null,
                blankToNull(incoming.callerDisplayName()), operation));
            call.record("AnswerCall", operation, null, null);
            incoming.answered(call.callConnectionId());
            connections.later(() -> completeAnswer(incoming, call));
            return call;
        }
    }

    /** Rejects the call with {@code none}, {@code busy} or {@code forbidden}. */
    public void reject(String context, String reason) {
        IncomingCall incoming = require(context);
        synchronized (incoming) {
            incoming.requireActionable("rejected", false);
            incoming.rejected(reason);
        }
    }

    /**
     * Redirects the call; when the target is an identity the application answers for, it rings the application
     * again as a new incoming call to that target.
     */
    public void redirect(String context, Identifier target) {
        IncomingCall incoming = require(context);
        synchronized (incoming) {
            incoming.requireActionable("redirected", false);
            incoming.redirected(target);
        }
        if (appIdentities.stream().anyMatch(glob -> glob.matches(target))) {
            ring(incoming.from(), target, incoming.callerDisplayName(), incoming.sipHeaders(),
                incoming.voipHeaders(), incoming.correlationId(), newContext());
        }
    }

    /**
     * The caller hangs up: a ringing call is abandoned; in an answered call the caller leaves (ParticipantsUpdated,
     * CallDisconnected when the application is left alone), or the answer fails if it is still connecting.
     *
     * @throws AcsApiException 404/8522 for an unknown server call id or a call that ended already
     */
    public void callerHangsUp(String serverCallId) {
        IncomingCall incoming = findByServerCallId(serverCallId)
            .orElseThrow(() -> new AcsApiException(404, "8522", "No incoming call " + serverCallId + "."));
        synchronized (incoming) {
            if (incoming.callerGone()) {
                throw new AcsApiException(404, "8522", "The caller of " + serverCallId + " already hung up.");
            }
            IncomingCall.State before = incoming.callerHangsUp();
            switch (before) {
                case RINGING -> {
                    // abandoned: an answer now fails by event, reject and redirect find no call
                }
                case ANSWERED -> connections.callerLeft(incoming.callConnectionId(), incoming.from());
                case REJECTED, REDIRECTED, EXPIRED, ABANDONED -> throw new AcsApiException(404, "8522",
                    "The incoming call " + serverCallId + " is no longer in progress (" + before.wireName() + ").");
            }
        }
    }

    public List<IncomingCallSnapshot> snapshots() {
        List<IncomingCall> all;
        synchronized (calls) {
            all = new ArrayList<>(calls.values());
        }
        return all.stream().map(IncomingCall::snapshot).toList();
    }

    public Optional<IncomingCallSnapshot> snapshot(String serverCallId) {
        return findByServerCallId(serverCallId).map(IncomingCall::snapshot);
    }

    private void completeAnswer(IncomingCall incoming, EmulatedCall call) {
        synchronized (incoming) {
            if (incoming.callerGone()) {
                connections.setupFailed(call,
                    () -> connections.events().answerFailed(call, ResultInfo.CALLER_HUNG_UP_BEFORE_ANSWER));
            } else {
                connections.establish(call, List.of(incoming.from()));
            }
        }
    }

    private IncomingCall ring(Identifier from, Identifier to, String callerDisplayName, Map<String, String> sipHeaders,
                              Map<String, String> voipHeaders, String correlationId, String context) {
        IncomingCall call = new IncomingCall(CallConnections.newServerCallId(), correlationId, context, from, to,
            callerDisplayName, sipHeaders, voipHeaders, clock, timeout);
        synchronized (calls) {
            calls.put(call.context(), call);
        }
        eventGrid.publish(INCOMING_CALL_EVENT, "/caller/" + from.rawId() + "/recipient/" + to.rawId(), data(call));
        return call;
    }

    private static ObjectNode data(IncomingCall call) {
        ObjectNode data = AcsJson.object();
        data.set("to", AcsJson.identifier(call.to()));
        data.set("from", AcsJson.identifier(call.from()));
        data.put("serverCallId", call.serverCallId());
        data.put("callerDisplayName", call.callerDisplayName() == null ? "" : call.callerDisplayName());
        data.put("incomingCallContext", call.context());
        data.put("correlationId", call.correlationId());
        if (!call.sipHeaders().isEmpty() || !call.voipHeaders().isEmpty()) {
            ObjectNode custom = data.putObject("customContext");
            ObjectNode sip = custom.putObject("sipHeaders");
            call.sipHeaders().forEach(sip::put);
            ObjectNode voip = custom.putObject("voipHeaders");
            call.voipHeaders().forEach(voip::put);
        }
        return data;
    }

    private IncomingCall require(String context) {
        IncomingCall call;
        synchronized (calls) {
            call = calls.get(context);
        }
        if (call == null) {
            throw AcsApiException.invalidArgument(
                "The field 'incomingCallContext' is not a valid incoming call context.");
        }
        return call;
    }

    private Optional<IncomingCall> findByServerCallId(String serverCallId) {
        synchronized (calls) {
            return calls.values().stream().filter(c -> c.serverCallId().equals(serverCallId)).findFirst();
        }
    }

    /** An opaque context shaped like ACS's: an unsigned JWT whose payload carries a random {@code cc} blob. */
    private static String newContext() {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        byte[] blob = new byte[96];
        RANDOM.nextBytes(blob);
        String header = base64url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = base64url.encodeToString(("{\"cc\":\"" + Base64.getEncoder().encodeToString(blob) + "\"}")
            .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    /**
     * A context shaped like {@link #newContext()}, exactly {@code length} characters long: its {@code cc} blob is as
     * long as it takes. Base64 without padding never encodes to a length of 4n+1, so the header has a spare space
     * when the payload would need one.
     */
    static String newContext(int length) {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        int payloadLength = length - 2 - base64url.encodeToString(header.getBytes(StandardCharsets.UTF_8)).length();
        if (payloadLength % 4 == 1) {
            header = "{\"alg\":\"none\", \"typ\":\"JWT\"}";
            payloadLength--;
        }
        int payloadBytes = payloadLength / 4 * 3 + Math.max(0, payloadLength % 4 - 1);
        String blobAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder blob = new StringBuilder();
        for (int i = 0; i < payloadBytes - "{\"cc\":\"\"}".length(); i++) {
            blob.append(blobAlphabet.charAt(RANDOM.nextInt(blobAlphabet.length())));
        }
        return base64url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
            + base64url.encodeToString(("{\"cc\":\"" + blob + "\"}").getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The {@code CallRejectReason} values. */
    public static String rejectReason(String value) {
        String reason = value == null ? "none" : value;
        if (!List.of("none", "busy", "forbidden").contains(reason.toLowerCase(Locale.ROOT))) {
            throw AcsApiException.invalidArgument("The field 'callRejectReason' must be one of none, busy, forbidden: "
                + value);
        }
        return reason.toLowerCase(Locale.ROOT);
    }
}
