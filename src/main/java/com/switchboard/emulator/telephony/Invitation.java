package com.switchboard.emulator.telephony;

import com.switchboard.emulator.model.Identifier;

/**
 * A callee that is still ringing: a create call target, an added participant or a transfer target.
 *
 * @param transferee for a transfer target: the participant being transferred, else null
 * @param applicationStays for a transfer target: whether the request named its transferee, so only the transferee
 *     leaves the call on success; else the application leaves
 */
record Invitation(String invitationId, Identifier target, Purpose purpose, Operation operation, RemoteLeg leg,
                  Identifier transferee, boolean applicationStays) {

    enum Purpose { CALL_TARGET, ADD_PARTICIPANT, TRANSFER_TARGET }
}
