package com.switchboard.acs;

import java.util.List;

/** What ACS says about a call connection. {@code state} is ACS's word: connecting, connected, ... */
public record CallInfo(String callConnectionId, String serverCallId, String correlationId, String state,
                       List<String> targets) {
}
