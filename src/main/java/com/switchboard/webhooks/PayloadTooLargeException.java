package com.switchboard.webhooks;

/** A webhook delivery over the limits of {@link WebhookLimits}: 413, nothing stored. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
