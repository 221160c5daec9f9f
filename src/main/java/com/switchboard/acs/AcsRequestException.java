package com.switchboard.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * ACS refused or failed an action. The message is written for the operator who sees it as a Cockpit
 * incident: what was asked, what ACS answered.
 */
public class AcsRequestException extends RuntimeException {

    /**
     * ACS answered with a status that is not 2xx.
     *
     * @param body     ACS's error body ({@code {"error": {"code", "message"}}}), or null
     * @param fallback the message when the body has none
     */
    static AcsRequestException answered(String what, int status, JsonNode body, String fallback, Throwable cause) {
        JsonNode error = body == null ? MissingNode.getInstance() : body.path("error");
        String code = error.path("code").isTextual() || error.path("code").isNumber() ? error.path("code").asText() : null;
        String message = error.path("message").isTextual() ? error.path("message").asText() : fallback;
        return new AcsRequestException("ACS could not " + what + ": HTTP " + status
                + (code == null ? "" : ", code " + code) + ": " + message, status, code, cause);
    }

    /** No answer came: the connection failed, or the answer could not be read. */
    static AcsRequestException unanswered(String what, Exception cause) {
        return new AcsRequestException("ACS could not " + what + ": " + cause.getMessage(), 0, null, cause);
    }

    private final int status;
    private final String errorCode;

    AcsRequestException(String message, int status, String errorCode, Throwable cause) {
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
