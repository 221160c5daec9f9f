package com.switchboard.callbacks;

import java.util.Set;

/**
 * The Call Automation callback events of the stable api-versions (2023-03-06 to 2026-03-12): the names metrics
 * may use as labels. A type a sender invents is stored like any other, but counted as {@value #OTHER}, so
 * nobody outside can grow the metric series without bound or put control characters into them.
 */
public final class AcsEventNames {

    public static final String OTHER = "other";

    private static final Set<String> KNOWN = Set.of(
            "AddParticipantFailed", "AddParticipantSucceeded", "AnswerFailed", "CallConnected", "CallDisconnected",
            "CallTransferAccepted", "CallTransferFailed", "CancelAddParticipantFailed", "CancelAddParticipantSucceeded",
            "ConnectFailed", "ContinuousDtmfRecognitionStopped", "ContinuousDtmfRecognitionToneFailed",
            "ContinuousDtmfRecognitionToneReceived", "CreateCallFailed", "HoldFailed", "MediaStreamingFailed",
            "MediaStreamingStarted", "MediaStreamingStopped", "MoveParticipantFailed", "MoveParticipantSucceeded",
            "ParticipantsUpdated", "PlayCanceled", "PlayCompleted", "PlayFailed", "PlayStarted", "RecognizeCanceled",
            "RecognizeCompleted", "RecognizeFailed", "RecordingStateChanged", "RemoveParticipantFailed",
            "RemoveParticipantSucceeded", "SendDtmfTonesCompleted", "SendDtmfTonesFailed", "StartRecordingFailed",
            "TranscriptionFailed", "TranscriptionStarted", "TranscriptionStopped", "TranscriptionUpdated");

    private AcsEventNames() {
    }

    /** The event name as a metric label: itself when ACS defines it, otherwise {@value #OTHER}. */
    public static String metricLabel(String eventName) {
        return KNOWN.contains(eventName) ? eventName : OTHER;
    }
}
