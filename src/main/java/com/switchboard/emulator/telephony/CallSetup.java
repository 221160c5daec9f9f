package com.switchboard.emulator.telephony;

import com.switchboard.emulator.model.Identifier;
import java.net.URI;
import java.util.List;

/**
 * How a call connection came to be: created, answered or connected.
 *
 * @param application the application's identity among the participants
 * @param source the call's originator as CallConnectionProperties report it (the application for a created call,
 *     the caller for an answered one), null when there is none (a connected call)
 * @param targets whom the call was placed to
 * @param sourceCallerIdNumber the caller id shown to phone callees (created) or the calling number (answered), or null
 * @param sourceDisplayName the display name of the source, or null
 * @param creation the request that set the call up; events without a request of their own use its api-version
 */
record CallSetup(
    String callConnectionId,
    String serverCallId,
    String correlationId,
    Identifier application,
    Identifier source,
    List<Identifier> targets,
    URI callbackUri,
    Identifier sourceCallerIdNumber,
    String sourceDisplayName,
    Operation creation) {

    CallSetup {
        targets = List.copyOf(targets);
    }
}
