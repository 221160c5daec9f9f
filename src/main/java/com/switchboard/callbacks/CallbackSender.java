package com.switchboard.callbacks;

/**
 * An authenticated callback delivery: ACS, posting to the callback URL of one call of one flow.
 *
 * @param flow    the process instance id the callback URL was made for
 * @param callKey the key of the call the URL was made for
 */
public record CallbackSender(String flow, String callKey) {
}
