package com.switchboard.emulator.telephony;

import com.switchboard.emulator.model.AcsApiException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls the emulator knows: the live ones, which the API serves, and the most recently ended ones, which
 * only the control API shows (the Call Automation API answers 404 for an ended call, as ACS does).
 */
final class CallRegistry {

    private static final int ENDED_CALLS_KEPT = 500;

    private final Map<String, EmulatedCall> live = new ConcurrentHashMap<>();
    private final Map<String, EmulatedCall> ended = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EmulatedCall> eldest) {
            return size() > ENDED_CALLS_KEPT;
        }
    };

    void add(EmulatedCall call) {
        live.put(call.callConnectionId(), call);
    }

    /** The live call or 404/8522. */
    EmulatedCall require(String callConnectionId) {
        EmulatedCall call = live.get(callConnectionId);
        if (call == null) {
            throw AcsApiException.callNotFound();
        }
        return call;
    }

    void retire(EmulatedCall call) {
        live.remove(call.callConnectionId());
        synchronized (ended) {
            ended.put(call.callConnectionId(), call);
        }
    }

    Optional<EmulatedCall> findAny(String callConnectionId) {
        EmulatedCall call = live.get(callConnectionId);
        if (call != null) {
            return Optional.of(call);
        }
        synchronized (ended) {
            return Optional.ofNullable(ended.get(callConnectionId));
        }
    }

    List<EmulatedCall> all() {
        List<EmulatedCall> calls = new ArrayList<>(live.values());
        synchronized (ended) {
            calls.addAll(ended.values());
        }
        return calls;
    }

    Collection<EmulatedCall> liveCalls() {
        return List.copyOf(live.values());
    }
}
