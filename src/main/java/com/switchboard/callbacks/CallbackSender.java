package com.switchboard.callbacks;

/**
 * An authenticated callback delivery: ACS, posting to the callback URL of this flow.
 *
 * @param flow the process instance id the callback URL was made for
 */
public record CallbackSender(String flow) {
}
