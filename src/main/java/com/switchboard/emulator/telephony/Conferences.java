package com.switchboard.emulator.telephony;

import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.Identifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms and group calls the emulator knows (registered through the control API): calls with people in them
 * that the application can connect to by a room or group call locator, or by their server call id.
 */
public final class Conferences {

    private final Map<String, Conference> conferences = new ConcurrentHashMap<>();

    /**
     * Registers a room or group call with the people in it; registering an id again replaces its people and keeps
     * its server call id.
     *
     * @param participantRawIds raw ids or E.164 phone numbers
     * @throws AcsApiException 400/8523 for a blank id or participant, or a malformed phone number
     */
    public Conference register(CallLocator.Kind kind, String id, List<String> participantRawIds) {
        if (kind == CallLocator.Kind.SERVER_CALL) {
            throw new IllegalArgumentException("Only rooms and group calls are registered");
        }
        if (id == null || id.isBlank()) {
            throw AcsApiException.invalidArgument("The field 'id' is required.");
        }
        List<Identifier> participants = new ArrayList<>();
        for (int i = 0; i < participantRawIds.size(); i++) {
            participants.add(Identifier.parse(participantRawIds.get(i), "participants[" + i + "]"));
        }
        return conferences.compute(key(kind, id), (key, existing) -> existing == null
            ? new Conference(kind, id, CallConnections.newServerCallId(), UUID.randomUUID().toString(), participants)
            : new Conference(kind, id, existing.serverCallId(), existing.correlationId(), participants));
    }

    Optional<Conference> find(CallLocator locator) {
        if (locator.kind() == CallLocator.Kind.SERVER_CALL) {
            return conferences.values().stream().filter(c -> c.serverCallId().equals(locator.id())).findFirst();
        }
        return Optional.ofNullable(conferences.get(key(locator.kind(), locator.id())));
    }

    private static String key(CallLocator.Kind kind, String id) {
        return kind.name() + " " + id;
    }

    /** A room or group call and the people in it. */
    public record Conference(CallLocator.Kind kind, String id, String serverCallId, String correlationId,
                             List<Identifier> participants) {

        public Conference {
            participants = List.copyOf(participants);
        }
    }
}
