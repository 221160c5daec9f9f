package com.switchboard.acs;

/**
 * Answer an incoming call; its events go to the callback URL.
 *
 * @param cognitiveServicesEndpoint as in {@link CreateCallRequest}
 */
public record AnswerCallRequest(String incomingCallContext, String callbackUrl, String operationContext,
                                String cognitiveServicesEndpoint) {
}
