package com.switchboard.emulator.telephony;

/** The {@code CallConnectionStateModel} values the emulator uses. */
public enum CallState {
    CONNECTING("connecting"),
    CONNECTED("connected"),
    DISCONNECTED("disconnected");

    private final String wireName;

    CallState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
