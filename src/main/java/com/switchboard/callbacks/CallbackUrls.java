package com.switchboard.callbacks;

import com.switchboard.acs.AcsProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The callback URL of each call: the webhook's address with the owning flow's process instance id, a random key of
 * the call's own and an HMAC of both, {@code /api/callbacks?flow=<id>&call=<key>&sig=<HMAC-SHA256>}. ACS posts a
 * call's events to the URL the action that created, answered or connected the call gave, so the URL a callback
 * arrives at says which call it may be about: a valid ACS token (a bearer token, valid for minutes, bound to no
 * call) is not enough to steer another call.
 *
 * <p>The key is made by the first node that starts and kept in the database, so every node of a cluster
 * checks the URLs every other node made.
 */
@Component
public class CallbackUrls {

    static final String FLOW = "flow";
    static final String CALL = "call";
    static final String SIGNATURE = "sig";
    private static final String KEY_NAME = "callback-url";
    private static final Pattern FLOW_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern CALL_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AcsProperties acs;
    private final Environment environment;
    private final SecretKeySpec key;

    CallbackUrls(AcsProperties acs, Environment environment, JdbcTemplate jdbc, Clock clock) {
        this.acs = acs;
        this.environment = environment;
        this.key = new SecretKeySpec(Base64.getDecoder().decode(sharedKey(jdbc, clock)), "HmacSHA256");
    }

    /**
     * Where ACS is to post the events of a call this flow is about to create, answer or connect.
     *
     * @param callKey names the call among the flow's: the same on every retry of the step (ACS answers a retried
     *                request with the call it made the first time, and keeps that first callback URL)
     */
    public CallbackUrl forCall(String processInstanceId, String callKey) {
        if (!FLOW_ID.matcher(processInstanceId).matches() || !CALL_KEY.matcher(callKey).matches()) {
            throw new IllegalArgumentException("Not a process instance id and call key: " + processInstanceId + ", " + callKey);
        }
        String base = webhook();
        return new CallbackUrl(base + (base.contains("?") ? "&" : "?") + FLOW + "=" + processInstanceId + "&" + CALL + "="
                + callKey + "&" + SIGNATURE + "=" + sign(processInstanceId, callKey), callKey);
    }

    /** The flow and call a callback URL names, when its signature is the one this cluster made for them. */
    Optional<CallbackSender> verified(String flow, String callKey, String signature) {
        if (flow == null || callKey == null || signature == null || !FLOW_ID.matcher(flow).matches()
                || !CALL_KEY.matcher(callKey).matches()) {
            return Optional.empty();
        }
        boolean valid = MessageDigest.isEqual(sign(flow, callKey).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
        return valid ? Optional.of(new CallbackSender(flow, callKey)) : Optional.empty();
    }

    /** The webhook itself: the configured public URL, or this node's own on localhost (enough for the emulator). */
    private String webhook() {
        if (acs.callbackUrl() != null && !acs.callbackUrl().isBlank()) {
            return acs.callbackUrl();
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://localhost:" + port + "/api/callbacks";
    }

    private String sign(String flow, String callKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] signed = (flow + "/" + callKey).getBytes(StandardCharsets.UTF_8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The cluster's key: read it, or make it when this is the first node (another node may race: read theirs). */
    private static String sharedKey(JdbcTemplate jdbc, Clock clock) {
        String select = "select key_value from switchboard_key where name = ?";
        List<String> existing = jdbc.queryForList(select, String.class, KEY_NAME);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        try {
            jdbc.update("insert into switchboard_key (name, key_value, created_at) values (?, ?, ?)", KEY_NAME,
                    Base64.getEncoder().encodeToString(fresh), Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException raced) {
            // another node made it first
        }
        return jdbc.queryForObject(select, String.class, KEY_NAME);
    }
}
