package com.switchboard.acs;

/** A participant of a call, as ACS lists it. */
public record ParticipantInfo(String rawId, boolean muted) {
}
