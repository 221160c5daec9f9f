package com.switchboard.callbacks;

/**
 * The flow that owns a call, and the key of the callback URL it gave ACS for that call.
 *
 * @param flow        the owning process instance id
 * @param callbackKey the call's key in its callback URL; null for a call recorded without one
 */
public record CallOwner(String flow, String callbackKey) {

    /** Whether a delivery to the callback URL of this flow and call key may be about this call. */
    public boolean admits(String claimedFlow, String claimedCallKey) {
        return flow.equals(claimedFlow) && (callbackKey == null || callbackKey.equals(claimedCallKey));
    }
}
