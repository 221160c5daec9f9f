package com.switchboard.acs;

/** Answer an incoming call; its events go to the callback URL. */
public record AnswerCallRequest(String incomingCallContext, String callbackUrl, String operationContext) {
}
