package com.switchboard.emulator.faults;

import java.time.Instant;

/**
 * A Call Automation action the emulator refused on purpose (an action fault); it was not carried out.
 *
 * @param repeatabilityRequestId the request's {@code Repeatability-Request-ID}, null when it had none
 * @param status the status it was answered with
 */
public record FaultedAction(String method, String path, String repeatabilityRequestId, int status, Instant time) {
}
