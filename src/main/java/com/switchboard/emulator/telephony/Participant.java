package com.switchboard.emulator.telephony;

import com.switchboard.emulator.model.Identifier;

/** Someone in the call; {@code leg} is null for the application itself. */
record Participant(Identifier identifier, RemoteLeg leg) {

    boolean isApplication() {
        return leg == null;
    }

    void leave() {
        if (leg != null) {
            leg.cancel();
        }
    }
}
