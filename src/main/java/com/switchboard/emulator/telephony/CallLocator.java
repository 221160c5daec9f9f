package com.switchboard.emulator.telephony;

/** A validated {@code CallLocator} of a connect request: which call to join. */
public record CallLocator(Kind kind, String id) {

    /** The {@code CallLocatorKind} values and the property naming the call for each. */
    public enum Kind {
        SERVER_CALL("serverCallLocator", "serverCallId"),
        GROUP_CALL("groupCallLocator", "groupCallId"),
        ROOM("roomCallLocator", "roomId");

        private final String wireName;
        private final String idField;

        Kind(String wireName, String idField) {
            this.wireName = wireName;
            this.idField = idField;
        }

        public String wireName() {
            return wireName;
        }

        public String idField() {
            return idField;
        }
    }
}
