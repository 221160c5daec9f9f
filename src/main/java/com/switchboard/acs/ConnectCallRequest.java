package com.switchboard.acs;

/** Join an existing call (server call, group call or room); its events go to the callback URL. */
public record ConnectCallRequest(CallLocator locator, String callbackUrl, String operationContext) {
}
