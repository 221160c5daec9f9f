package com.switchboard.acs;

/**
 * ACS refused or failed an action. The message is written for the operator who sees it as a Cockpit
 * incident: what was asked, what ACS answered.
 */
public class AcsRequestException extends RuntimeException {

    private final int status;
    private final String errorCode;

    public AcsRequestException(String message, int status, String errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP status ACS answered with, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** The ACS error code (for example 8522 for an unknown call), or null. */
    public String errorCode() {
        return errorCode;
    }
}
