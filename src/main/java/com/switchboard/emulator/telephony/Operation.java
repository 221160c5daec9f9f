package com.switchboard.emulator.telephony;

import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.model.CustomCallingContext;
import java.net.URI;

/**
 * The request that started something whose outcome is reported by callback events.
 *
 * @param version the api-version of the request; events carry it as {@code data.version}
 * @param operationContext echoed in the events, may be null
 * @param callbackUri where the operation's result events go: the operationCallbackUri, or null for the call's
 * @param customCallingContext the custom SIP/VoIP headers the request carried for the callee
 */
public record Operation(ApiVersion version, String operationContext, URI callbackUri,
                        CustomCallingContext customCallingContext) {

    public Operation {
        customCallingContext = customCallingContext == null ? CustomCallingContext.NONE : customCallingContext;
    }

    public Operation(ApiVersion version, String operationContext, URI callbackUri) {
        this(version, operationContext, callbackUri, CustomCallingContext.NONE);
    }

    public static Operation of(ApiVersion version) {
        return new Operation(version, null, null);
    }
}
