package com.switchboard.emulator.model;

/**
 * The {@code resultInformation} of a callback event. Codes follow SIP/ACS; sub-codes for the phone-network
 * failures are the emulator's approximation of what ACS reports (560000 + SIP code for PSTN-style failures).
 */
public record ResultInfo(int code, int subCode, String message) {

    public static final ResultInfo ADD_PARTICIPANT_SUCCEEDED = new ResultInfo(200, 0, "Add participant succeeded.");
    public static final ResultInfo REMOVE_PARTICIPANT_SUCCEEDED =
        new ResultInfo(200, 0, "Remove participant succeeded.");
    public static final ResultInfo PARTICIPANT_NOT_IN_CALL = new ResultInfo(404, 0, "Participant is not in the call.");
    public static final ResultInfo BUSY = new ResultInfo(486, 560486, "The callee is busy.");
    public static final ResultInfo UNAVAILABLE = new ResultInfo(480, 560480, "The callee is temporarily unavailable.");
    public static final ResultInfo DECLINED = new ResultInfo(603, 560603, "The callee declined the call.");
    public static final ResultInfo NO_ANSWER =
        new ResultInfo(408, 10004, "The callee did not answer before the invitation timed out.");
    public static final ResultInfo ADD_PARTICIPANT_CANCELLED =
        new ResultInfo(487, 5234, "The add participant operation was cancelled.");
    public static final ResultInfo CANCEL_SUCCEEDED = new ResultInfo(200, 0, "Cancel add participant succeeded.");
    public static final ResultInfo INVITATION_NOT_PENDING =
        new ResultInfo(400, 8523, "The invitation is not pending any more.");
    public static final ResultInfo HUNG_UP_BY_APPLICATION =
        new ResultInfo(200, 7000, "The call connection was hung up by the application (call ended by API).");
    public static final ResultInfo TERMINATED_BY_APPLICATION =
        new ResultInfo(200, 7000, "The call was terminated for everyone by the application (call ended by API).");
    public static final ResultInfo ALL_OTHERS_LEFT =
        new ResultInfo(200, 0, "The call ended because all other participants left.");
    public static final ResultInfo TRANSFERRED =
        new ResultInfo(200, 0, "The call was transferred and the application left it.");
    public static final ResultInfo TRANSFER_ACCEPTED = new ResultInfo(202, 0, "The transfer was accepted.");
    public static final ResultInfo CALL_NOT_FOUND = new ResultInfo(404, 8522, "Call not found.");
    public static final ResultInfo CALLER_HUNG_UP_BEFORE_ANSWER =
        new ResultInfo(487, 560487, "The caller hung up before the call was answered.");
}
