package com.switchboard.callbacks;

/** Which flow owns a call, as far as is known when a callback arrives (correlation keeps that record). */
public interface CallOwners {

    /** The owning process instance id, or null while no action has recorded one. */
    String ownerOf(String callConnectionId);
}
