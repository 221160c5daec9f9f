package com.switchboard.acs;

/**
 * Join an existing call (server call, group call or room); its events go to the callback URL.
 *
 * @param cognitiveServicesEndpoint as in {@link CreateCallRequest}
 */
public record ConnectCallRequest(CallLocator locator, String callbackUrl, String operationContext,
                                 String cognitiveServicesEndpoint) {
}
