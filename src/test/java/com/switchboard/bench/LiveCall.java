package com.switchboard.bench;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A call that a flow keeps alive while it waits for ParticipantsUpdated, and the callbacks the benchmark posts
 * for it: each a new participant list with the next sequence number, as ACS sends them.
 */
record LiveCall(String processInstanceId, String callConnectionId, String callbackKey, String callee, AtomicInteger sequence) {

    /** @param callbackKey the call's key in the callback URL its flow gave ACS */
    LiveCall(String processInstanceId, String callConnectionId, String callbackKey, String callee) {
        this(processInstanceId, callConnectionId, callbackKey, callee, new AtomicInteger(1000));
    }

    /** The JSON array of one CloudEvent, as ACS POSTs it. */
    String participantsUpdated() {
        int sequenceNumber = sequence.incrementAndGet();
        String participant = "8:acs:bench-guest-" + (sequenceNumber % 7);
        return "[{\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"calling/callConnections/" + callConnectionId
                + "\",\"type\":\"Microsoft.Communication.ParticipantsUpdated\",\"specversion\":\"1.0\","
                + "\"datacontenttype\":\"application/json\",\"time\":\"" + Instant.now() + "\","
                + "\"subject\":\"calling/callConnections/" + callConnectionId + "\",\"data\":{"
                + "\"callConnectionId\":\"" + callConnectionId + "\",\"serverCallId\":\"bench-server-call\","
                + "\"correlationId\":\"bench-correlation\",\"sequenceNumber\":" + sequenceNumber + ","
                + "\"participants\":[" + participant(callee) + "," + participant(participant) + "],"
                + "\"version\":\"2023-03-06\",\"publicEventType\":\"Microsoft.Communication.ParticipantsUpdated\"}}]";
    }

    private static String participant(String rawId) {
        return "{\"identifier\":{\"rawId\":\"" + rawId + "\",\"kind\":\"communicationUser\",\"communicationUser\":{\"id\":\""
                + rawId + "\"}},\"isMuted\":false}";
    }
}
