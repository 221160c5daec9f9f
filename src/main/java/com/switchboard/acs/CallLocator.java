package com.switchboard.acs;

/** An existing call to connect to: by its server call id, group call id or room id. */
public record CallLocator(Kind kind, String id) {

    public enum Kind {
        SERVER_CALL("serverCallLocator", "serverCallId"),
        GROUP_CALL("groupCallLocator", "groupCallId"),
        ROOM("roomCallLocator", "roomId");

        final String apiKind;
        final String idField;

        Kind(String apiKind, String idField) {
            this.apiKind = apiKind;
            this.idField = idField;
        }
    }
}
