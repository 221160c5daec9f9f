package com.switchboard.emulator.model;

/**
 * An error the emulated service answers with: HTTP status plus the ACS {@code CommunicationError} code and message.
 */
public class AcsApiException extends RuntimeException {

    private final int status;
    private final String code;

    public AcsApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static AcsApiException callNotFound() {
        return new AcsApiException(404, "8522", "Call not found.");
    }

    public static AcsApiException invalidArgument(String message) {
        return new AcsApiException(400, "8523", message);
    }

    public static AcsApiException callNotEstablished() {
        return new AcsApiException(400, "8501", "Action is not valid when call is not in Established state.");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
