package com.switchboard.acs;

/**
 * Transfer to a target. Without a transferee it transfers Switchboard's own leg of a 1:1 call (Switchboard
 * leaves); with one, it moves that participant of a group call.
 */
public record TransferCallRequest(String callConnectionId, Party target, Party transferee, Party callerId,
                                  CustomCallingContext customContext, String operationCallbackUrl,
                                  String operationContext) {
}
