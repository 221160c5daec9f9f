package com.switchboard.acs;

/**
 * Start recording a call, named by its call connection id or, when {@code serverCallId} is set, by its server call
 * locator.
 *
 * @param content                   {@code audio} or {@code audioVideo}, or null for ACS's default
 * @param channel                   {@code mixed} or {@code unmixed}, or null for ACS's default
 * @param format                    {@code wav}, {@code mp3} or {@code mp4}, or null for ACS's default
 * @param recordingStateCallbackUrl where ACS posts RecordingStateChanged: the call's own callback URL
 */
public record StartRecordingRequest(String callConnectionId, String serverCallId, String content, String channel,
                                    String format, boolean pauseOnStart, String recordingStateCallbackUrl) {
}
