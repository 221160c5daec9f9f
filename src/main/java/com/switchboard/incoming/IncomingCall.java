package com.switchboard.incoming;

import java.util.Map;

/**
 * An incoming call as Event Grid announces it ({@code Microsoft.Communication.IncomingCall}).
 *
 * @param eventId             the Event Grid event id; a redelivery has the same one
 * @param to                  raw id of the called identity (a phone number of the ACS resource, an ACS user)
 * @param from                raw id of the caller
 * @param incomingCallContext what answer, reject and redirect need; valid while the call rings (about 30 s)
 * @param sipHeaders          custom SIP headers of the call (phone calls), possibly empty
 * @param voipHeaders         custom VoIP headers of the call (ACS/Teams callers), possibly empty
 */
public record IncomingCall(String eventId, String to, String from, String callerDisplayName, String serverCallId,
                           String correlationId, String incomingCallContext, Map<String, String> sipHeaders,
                           Map<String, String> voipHeaders) {
}
