package com.switchboard.callbacks;

/** A callback without a valid ACS token: refused with 401, nothing stored. */
public class InvalidCallbackTokenException extends RuntimeException {

    private final String reason;

    public InvalidCallbackTokenException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A short word for metrics: missing, malformed, rejected, unverifiable, unconfigured, wrong-url, wrong-call. */
    public String reason() {
        return reason;
    }
}
