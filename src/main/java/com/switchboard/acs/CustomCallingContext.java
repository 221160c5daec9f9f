package com.switchboard.acs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Headers passed to the party being called: SIP headers for a phone number (User-To-User, and custom
 * headers, which ACS requires to start with {@code X-MS-Custom-}), VoIP headers for ACS and Teams users.
 */
public record CustomCallingContext(Map<String, String> sipHeaders, Map<String, String> voipHeaders) {

    public static final String SIP_CUSTOM_PREFIX = "X-MS-Custom-";
    public static final String USER_TO_USER = "User-To-User";

    /** Headers for the given party; a SIP header without the required prefix gets it. */
    public static CustomCallingContext forParty(Party party, Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        if (!party.isPhoneNumber()) {
            return new CustomCallingContext(null, Map.copyOf(headers));
        }
        Map<String, String> sip = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            boolean standard = name.equalsIgnoreCase(USER_TO_USER) || name.regionMatches(true, 0, SIP_CUSTOM_PREFIX, 0,
                    SIP_CUSTOM_PREFIX.length());
            sip.put(standard ? name : SIP_CUSTOM_PREFIX + name, value);
        });
        return new CustomCallingContext(sip, null);
    }
}
