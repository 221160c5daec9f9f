package com.switchboard.callbacks;

/**
 * The callback URL an action gives ACS for a call it creates, answers or connects.
 *
 * @param url     where ACS posts the call's events
 * @param callKey the call's key in it, for the owner record ({@code CallOwnership.register})
 */
public record CallbackUrl(String url, String callKey) {
}
