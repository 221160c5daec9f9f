package com.switchboard.emulator.recording;

import java.util.List;

/**
 * A point-in-time view of a recording, for the control API and tests.
 *
 * @param state the emulator's state: {@code starting}, {@code active}, {@code paused}, {@code stopped},
 *     {@code failed}
 * @param recordingState what ACS reports: {@code active} or {@code inactive}
 * @param locator how the start request named the call: {@code callConnectionId} or {@code serverCallLocator}
 * @param history every state the recording went through, oldest first
 */
public record RecordingSnapshot(
    String recordingId,
    String callConnectionId,
    String serverCallId,
    String locator,
    String state,
    String recordingState,
    String content,
    String channel,
    String format,
    boolean pauseOnStart,
    String recordingStateCallbackUri,
    String apiVersion,
    List<RecordingTransition> history) {
}
