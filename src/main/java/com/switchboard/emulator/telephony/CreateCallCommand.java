package com.switchboard.emulator.telephony;

import com.switchboard.emulator.model.Identifier;
import java.net.URI;
import java.util.List;

/**
 * A validated CreateCall request.
 *
 * @param source the ACS user the app calls as, or null for the application's own identity
 * @param sourceCallerIdNumber caller id for phone targets, or null
 */
public record CreateCallCommand(
    List<Identifier> targets,
    URI callbackUri,
    Identifier source,
    Identifier sourceCallerIdNumber,
    String sourceDisplayName,
    Operation operation) {
}
