package com.switchboard.emulator.recording;

import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.telephony.EmulatedCall;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One recording of one call connection: starting (accepted, not yet recording), active, paused, and at the end
 * stopped (by request or because the call ended) or failed (the call ended before it began). Guarded by the call's
 * monitor, which {@link CallRecordings} holds for every change.
 */
final class Recording {

    enum State {
        STARTING, ACTIVE, PAUSED, STOPPED, FAILED;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** ACS knows two states: recording now, or not. */
        String recordingState() {
            return this == ACTIVE ? "active" : "inactive";
        }

        boolean isOver() {
            return this == STOPPED || this == FAILED;
        }
    }

    private final String recordingId;
    private final EmulatedCall call;
    private final String locator;
    private final RecordingFormat format;
    private final boolean pauseOnStart;
    private final URI callbackUri;
    private final ApiVersion version;
    private final List<RecordingTransition> history = new ArrayList<>();
    private State state;
    private Instant startDateTime;

    Recording(String recordingId, EmulatedCall call, String locator, RecordingFormat format, boolean pauseOnStart,
              URI callbackUri, ApiVersion version) {
        this.recordingId = recordingId;
        this.call = call;
        this.locator = locator;
        this.format = format;
        this.pauseOnStart = pauseOnStart;
        this.callbackUri = callbackUri;
        this.version = version;
        move(State.STARTING, "start");
    }

    String recordingId() {
        return recordingId;
    }

    EmulatedCall call() {
        return call;
    }

    URI callbackUri() {
        return callbackUri;
    }

    ApiVersion version() {
        return version;
    }

    boolean pauseOnStart() {
        return pauseOnStart;
    }

    State state() {
        return state;
    }

    /** When it first recorded; null until then. */
    Instant startDateTime() {
        return startDateTime;
    }

    void move(State next, String cause) {
        Instant now = Instant.now();
        if (next == State.ACTIVE && startDateTime == null) {
            startDateTime = now;
        }
        state = next;
        history.add(new RecordingTransition(next.wireName(), cause, now));
    }

    RecordingSnapshot snapshot() {
        return new RecordingSnapshot(recordingId, call.callConnectionId(), call.serverCallId(), locator,
            state.wireName(), state.recordingState(), format.content(), format.channel(), format.format(),
            pauseOnStart, callbackUri == null ? null : callbackUri.toString(), version.value(), List.copyOf(history));
    }
}
