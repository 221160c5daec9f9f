package com.switchboard.callbacks;

import java.util.List;
import java.util.Set;

/**
 * The Call Automation callback events of the stable api-versions (2023-03-06 to 2026-03-12), by name: the one list
 * Switchboard has of them. They are the event schemas of the 2026-03-12 specification (each a superset of the older
 * versions'), without {@code IncomingCall}, which comes through Event Grid and starts a flow by its key, never as a
 * callback or a BPMN message. Metrics use the names as labels: a type a sender invents is stored like any other, but
 * counted as {@value #OTHER}, so nobody outside can grow the metric series without bound or put control characters
 * into them. The deploy check lets a flow wait only for these (or its own messages), and the starter diagram
 * ({@code starter/call-flow.bpmn}) declares each as a BPMN message.
 */
public final class AcsEventNames {

    public static final String OTHER = "other";

    /** In alphabetical order. */
    private static final List<String> ALL = List.of(
            "AddParticipantFailed", "AddParticipantSucceeded", "AnswerFailed", "CallConnected", "CallDisconnected",
            "CallTransferAccepted", "CallTransferFailed", "CancelAddParticipantFailed", "CancelAddParticipantSucceeded",
            "ConnectFailed", "ContinuousDtmfRecognitionStopped", "ContinuousDtmfRecognitionToneFailed",
            "ContinuousDtmfRecognitionToneReceived", "CreateCallFailed", "HoldFailed", "MediaStreamingFailed",
            "MediaStreamingStarted", "MediaStreamingStopped", "MoveParticipantFailed", "MoveParticipantSucceeded",
            "ParticipantsUpdated", "PlayCanceled", "PlayCompleted", "PlayFailed", "PlayStarted", "RecognizeCanceled",
            "RecognizeCompleted", "RecognizeFailed", "RecordingStateChanged", "RemoveParticipantFailed",
            "RemoveParticipantSucceeded", "SendDtmfTonesCompleted", "SendDtmfTonesFailed", "StartRecordingFailed",
            "TranscriptionFailed", "TranscriptionStarted", "TranscriptionStopped", "TranscriptionUpdated");

    private static final Set<String> KNOWN = Set.copyOf(ALL);

    private AcsEventNames() {
    }

    /** Every event name, in alphabetical order. */
    public static List<String> all() {
        return ALL;
    }

    /** Whether ACS Call Automation sends a callback event of this name (exactly, without the type's prefix). */
    public static boolean isEvent(String eventName) {
        return KNOWN.contains(eventName);
    }

    /** The event name as a metric label: itself when ACS defines it, otherwise {@value #OTHER}. */
    public static String metricLabel(String eventName) {
        return isEvent(eventName) ? eventName : OTHER;
    }
}
