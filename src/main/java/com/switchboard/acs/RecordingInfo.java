package com.switchboard.acs;

/** A recording as ACS reports it: its id and its state ({@code active} or {@code inactive}). */
public record RecordingInfo(String recordingId, String recordingState) {
}
