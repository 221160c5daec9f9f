package com.switchboard.callbacks;

/** Which flow owns a call, as far as is known when a callback arrives (correlation keeps that record). */
public interface CallOwners {

    /** The owner, or null while no action has recorded one. */
    CallOwner ownerOf(String callConnectionId);
}
