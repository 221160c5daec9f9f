package com.switchboard.emulator.telephony;

import com.switchboard.emulator.model.Identifier;
import java.time.Duration;

/**
 * A validated AddParticipant request.
 *
 * @param sourceCallerIdNumber caller id shown to a phone participant, or null to use the call's
 * @param invitationTimeout how long the participant may ring, or null for the configured ring timeout
 */
public record AddParticipantCommand(
    Identifier participant,
    Identifier sourceCallerIdNumber,
    Duration invitationTimeout,
    Operation operation) {
}
