package com.switchboard.emulator.telephony;

import com.switchboard.emulator.model.ApiVersion;
import java.net.URI;

/**
 * The request that started something whose outcome is reported by callback events.
 *
 * @param version the api-version of the request; events carry it as {@code data.version}
 * @param operationContext echoed in the events, may be null
 * @param callbackUri where the operation's result events go: the operationCallbackUri, or null for the call's
 */
public record Operation(ApiVersion version, String operationContext, URI callbackUri) {

    public static Operation of(ApiVersion version) {
        return new Operation(version, null, null);
    }
}
