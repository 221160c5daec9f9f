package com.switchboard.emulator.recording;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.delivery.CallbackDispatcher;
import com.switchboard.emulator.delivery.CloudEventEnvelope;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.AcsJson;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.model.ResultInfo;
import com.switchboard.emulator.telephony.CallConnections;
import com.switchboard.emulator.telephony.CallState;
import com.switchboard.emulator.telephony.EmulatedCall;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Call recording as ACS plays it. A start on a connected call is answered with the recording {@code inactive}; right
 * after the answer it becomes active (or paused, with pauseOnStart) and RecordingStateChanged reports it. Pause
 * reports {@code inactive}, resume {@code active}, stop {@code inactive}, and the recording is gone (404) once
 * stopped. One recording per call: a second start while one runs is refused with 400/8553. When the call ends the
 * recording stops with it (RecordingStateChanged inactive before CallDisconnected); a recording the call ended
 * under before it began fails (StartRecordingFailed, where the api-version has it).
 *
 * <p>Events go to the request's recordingStateCallbackUri, or the call's callback URI when it gave none, through the
 * dispatcher, so they are signed and retried like every callback. Every change holds the call's monitor, the lock
 * the call's own state changes hold, so recording events and call events leave in order.
 */
public final class CallRecordings {

    private static final ResultInfo RECORDING_STOPPED_WITH_CALL =
        new ResultInfo(200, 0, "The recording stopped because the call ended.");
    private static final ResultInfo CALL_ENDED_BEFORE_START =
        new ResultInfo(400, 8501, "The call ended before the recording started.");

    private final CallbackDispatcher dispatcher;
    private final Executor later;
    private final Map<String, Recording> recordings = new ConcurrentHashMap<>();

    /**
     * @param later runs a step after the current request has been answered (the emulator's timer threads)
     */
    public CallRecordings(CallConnections connections, CallbackDispatcher dispatcher, Executor later) {
        this.dispatcher = dispatcher;
        this.later = later;
        connections.onCallEnded(this::callEnded);
    }

    /** Starts recording a call: 400/8501 when it is not connected, 400/8553 when it is being recorded already. */
    public RecordingSnapshot start(EmulatedCall call, String locator, RecordingFormat format, boolean pauseOnStart,
                                   URI recordingStateCallbackUri, ApiVersion version) {
        Recording recording;
        synchronized (call) {
            if (call.state() != CallState.CONNECTED) {
                throw AcsApiException.callNotEstablished();
            }
            boolean running = recordings.values().stream()
                .anyMatch(r -> r.call() == call && !r.state().isOver());
            if (running) {
                throw new AcsApiException(400, "8553", "Recording is already in progress for this call.");
            }
            String id = Base64.getEncoder().encodeToString(("{\"PlatformEndpointId\":\"" + UUID.randomUUID()
                + "\",\"ResourceSpecificId\":\"" + call.serverCallId() + "\"}").getBytes(StandardCharsets.UTF_8));
            recording = new Recording(id, call, locator, format, pauseOnStart,
                recordingStateCallbackUri != null ? recordingStateCallbackUri : call.callbackUri(), version);
            recordings.put(id, recording);
        }
        later.execute(() -> begin(recording));
        return recording.snapshot();
    }

    /** A recording that is not stopped, or 404. */
    public RecordingSnapshot state(String recordingId) {
        Recording recording = require(recordingId);
        synchronized (recording.call()) {
            requireRunning(recording);
            return recording.snapshot();
        }
    }

    /** Pauses an active recording (RecordingStateChanged inactive); a paused one stays paused. */
    public void pause(String recordingId) {
        Recording recording = require(recordingId);
        synchronized (recording.call()) {
            requireRunning(recording);
            if (recording.state() != Recording.State.PAUSED) {
                boolean wasActive = recording.state() == Recording.State.ACTIVE;
                recording.move(Recording.State.PAUSED, "pause");
                if (wasActive) {
                    stateChanged(recording, null);
                }
            }
        }
    }

    /** Resumes a paused recording (RecordingStateChanged active); an active or starting one goes on as it is. */
    public void resume(String recordingId) {
        Recording recording = require(recordingId);
        synchronized (recording.call()) {
            requireRunning(recording);
            if (recording.state() == Recording.State.PAUSED) {
                recording.move(Recording.State.ACTIVE, "resume");
                stateChanged(recording, null);
            }
        }
    }

    /** Stops the recording (RecordingStateChanged inactive); it cannot be found afterwards. */
    public void stop(String recordingId) {
        Recording recording = require(recordingId);
        synchronized (recording.call()) {
            requireRunning(recording);
            recording.move(Recording.State.STOPPED, "stop");
            stateChanged(recording, null);
        }
    }

    /** Every recording of the call connection, oldest first, with its history. */
    public List<RecordingSnapshot> recordings(String callConnectionId) {
        return recordings.values().stream()
            .filter(r -> r.call().callConnectionId().equals(callConnectionId))
            .map(r -> {
                synchronized (r.call()) {
                    return r.snapshot();
                }
            })
            .sorted(java.util.Comparator.comparing(s -> s.history().get(0).at()))
            .toList();
    }

    private void begin(Recording recording) {
        synchronized (recording.call()) {
            if (recording.state() != Recording.State.STARTING) {
                return;
            }
            if (recording.pauseOnStart()) {
                recording.move(Recording.State.PAUSED, "start");
            } else {
                recording.move(Recording.State.ACTIVE, "start");
            }
            stateChanged(recording, null);
        }
    }

    /** Runs under the ended call's monitor. */
    private void callEnded(EmulatedCall call) {
        recordings.values().stream().filter(r -> r.call() == call && !r.state().isOver()).forEach(recording -> {
            if (recording.state() == Recording.State.STARTING) {
                recording.move(Recording.State.FAILED, "callEnded");
                startRecordingFailed(recording);
            } else {
                recording.move(Recording.State.STOPPED, "callEnded");
                stateChanged(recording, RECORDING_STOPPED_WITH_CALL);
            }
        });
    }

    private Recording require(String recordingId) {
        Recording recording = recordings.get(recordingId);
        if (recording == null) {
            throw notFound(recordingId);
        }
        return recording;
    }

    private static void requireRunning(Recording recording) {
        if (recording.state().isOver()) {
            throw notFound(recording.recordingId());
        }
    }

    private static AcsApiException notFound(String recordingId) {
        return new AcsApiException(404, "8522", "Recording " + recordingId + " not found.");
    }

    private void stateChanged(Recording recording, ResultInfo result) {
        ObjectNode data = data(recording);
        data.put("recordingId", recording.recordingId());
        data.put("state", recording.state().recordingState());
        if (recording.startDateTime() != null) {
            data.put("startDateTime", recording.startDateTime().toString());
        }
        if (recording.version().isAtLeast(ApiVersion.V2026_03_12)) {
            data.put("recordingKind", "azureCommunicationServices");
            if (result != null) {
                data.set("resultInformation", AcsJson.resultInformation(result));
            }
        }
        send(recording, "RecordingStateChanged", data);
    }

    /** StartRecordingFailed exists from 2026-03-12 on; older clients see nothing but the call ending. */
    private void startRecordingFailed(Recording recording) {
        if (!recording.version().isAtLeast(ApiVersion.V2026_03_12)) {
            return;
        }
        ObjectNode data = data(recording);
        data.put("recordingId", recording.recordingId());
        data.set("resultInformation", AcsJson.resultInformation(CALL_ENDED_BEFORE_START));
        send(recording, "StartRecordingFailed", data);
    }

    private static ObjectNode data(Recording recording) {
        EmulatedCall call = recording.call();
        ObjectNode data = AcsJson.object();
        data.put("callConnectionId", call.callConnectionId());
        data.put("serverCallId", call.serverCallId());
        data.put("correlationId", call.correlationId());
        data.put("version", recording.version().value());
        return data;
    }

    private void send(Recording recording, String eventName, ObjectNode data) {
        String callConnectionId = recording.call().callConnectionId();
        dispatcher.submit(callConnectionId, recording.callbackUri(), eventName,
            CloudEventEnvelope.wrap(callConnectionId, eventName, data));
    }
}
