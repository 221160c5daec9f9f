package com.switchboard.emulator.recording;

import java.time.Instant;

/**
 * One step of a recording's life, for the control API.
 *
 * @param state {@code starting}, {@code active}, {@code paused}, {@code stopped} or {@code failed}
 * @param cause the request or happening that led to it: {@code start}, {@code pause}, {@code resume}, {@code stop},
 *     {@code callEnded}
 */
public record RecordingTransition(String state, String cause, Instant at) {
}
