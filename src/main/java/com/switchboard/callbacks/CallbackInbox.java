package com.switchboard.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable record of every callback event: stored before ACS gets its 2xx, then moved to a final
 * status by correlation. A delivery is stored in one transaction, and the unique event id makes a redelivery a no-op;
 * an event that comes again with another payload leaves the stored one as it is and is kept in callback_conflict.
 */
@Repository
public class CallbackInbox {

    private static final String COLUMNS = "id, event_id, event_type, call_connection_id, operation_context, payload, "
            + "received_at, status, variables_applied, attempts, process_instance_id, reason, handled_at, claimed_flow, claimed_call_key, origin";
    private static final RowMapper<InboxEntry> ROW = CallbackInbox::entry;
    private static final int[] INSERT_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.TIMESTAMP, Types.VARCHAR, Types.BOOLEAN, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR};

    /** How often a delivery is tried when concurrent deliveries of its events get in its way. */
    private static final int STORE_ATTEMPTS = 3;

    /** Equal numbers are equal however they are written ({@code 1}, {@code 1.0}); other values by equals. */
    private static final Comparator<JsonNode> SAME_NUMBER = (x, y) -> x.equals(y)
            || (x.isNumber() && y.isNumber() && x.decimalValue().compareTo(y.decimalValue()) == 0) ? 0 : 1;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper mapper;
    private final Clock clock;

    CallbackInbox(JdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper mapper, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** What became of an event of a delivery. */
    public enum Receipt {
        /** stored now */
        STORED,
        /** an event with its id and the same payload was stored already (a redelivery) */
        DUPLICATE,
        /** an event with its id but another payload was stored already: that one stays, this one is kept aside */
        CONFLICT
    }

    /**
     * Stores the events of one delivery in one transaction: all of them, or none if the database fails half-way, so
     * that ACS's redelivery finds nothing half-done. An event whose id is stored already is not stored again: with the
     * same payload it is a redelivery, with another it is a conflict, kept aside while the stored event stays.
     *
     * @param sender the flow and call whose callback URL they came to (null where callback authentication is off),
     *               checked against the call's owner on delivery
     * @return what became of each event, in the delivery's order; in a transaction already, it is part of that one
     */
    public List<Receipt> store(List<CallbackEvent> events, Instant receivedAt, CallbackSender sender) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> storeAll(events, receivedAt, sender));
            } catch (DuplicateKeyException e) {
                // A concurrent delivery of one of these events committed between the look-up and the insert (the
                // insert waited for it). The whole transaction is rolled back (PostgreSQL would not go on after the
                // error anyway); the next attempt sees the event and takes it as a redelivery.
                if (attempt == STORE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private List<Receipt> storeAll(List<CallbackEvent> events, Instant receivedAt, CallbackSender sender) {
        Map<String, String> stored = storedPayloads(events);
        List<Receipt> receipts = new ArrayList<>(events.size());
        for (CallbackEvent event : events) {
            String storedPayload = stored.get(event.eventId());
            if (storedPayload == null) {
                insert(event, receivedAt, sender, "RECEIVED", Handled.WAITING);
                stored.put(event.eventId(), event.json());
                receipts.add(Receipt.STORED);
            } else {
                receipts.add(again(event, storedPayload, receivedAt));
            }
        }
        return receipts;
    }

    /** An event whose id is stored already: a redelivery with the same payload, or a conflict, kept aside. */
    private Receipt again(CallbackEvent event, String storedPayload, Instant receivedAt) {
        if (samePayload(storedPayload, event.json())) {
            return Receipt.DUPLICATE;
        }
        keepConflict(event, receivedAt);
        return Receipt.CONFLICT;
    }

    /**
     * What a delivery made of an event that was tried on its flow before it was stored ({@link #storeHandled}).
     *
     * @param processInstanceId the flow it went to, or would go to; null when none owns the call
     */
    public record Handled(InboxStatus status, boolean variablesApplied, String processInstanceId, String reason) {

        /** Not tried on any flow yet. */
        public static final Handled WAITING = new Handled(InboxStatus.PENDING, false, null, null);
    }

    /**
     * Stores one event in the caller's transaction after {@code handle} has tried it on its flow there, as the try
     * left it: one insert of the row as it ends, instead of an insert and an update. An event whose id is stored
     * already is not tried: it is a redelivery or a conflict, as {@link #store} says. The caller's transaction must
     * be rolled back if this throws (a concurrent delivery of the same event committed first, say), so that
     * nothing of the try stays.
     *
     * @param handle tries the event, given as it is about to be stored ({@code id} 0: not stored yet)
     */
    public Receipt storeHandled(CallbackEvent event, Instant receivedAt, CallbackSender sender,
                                Function<InboxEntry, Handled> handle) {
        String storedPayload = storedPayloads(List.of(event)).get(event.eventId());
        if (storedPayload != null) {
            return again(event, storedPayload, receivedAt);
        }
        InboxEntry unstored = new InboxEntry(0, event.eventId(), event.type(), event.callConnectionId(),
                event.operationContext(), event.json(), receivedAt, InboxStatus.PENDING, false, 0, null, null, null,
                sender == null ? null : sender.flow(), sender == null ? null : sender.callKey(), "RECEIVED");
        insert(event, receivedAt, sender, "RECEIVED", handle.apply(unstored));
        return Receipt.STORED;
    }

    /** The payloads stored under the events' ids, by id; the ones not stored yet are absent. */
    private Map<String, String> storedPayloads(List<CallbackEvent> events) {
        Map<String, String> payloads = new HashMap<>();
        if (events.isEmpty()) {
            return payloads;
        }
        List<String> ids = events.stream().map(CallbackEvent::eventId).distinct().toList();
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        RowCallbackHandler row = rs -> payloads.put(rs.getString("event_id"), rs.getString("payload"));
        jdbc.query("select event_id, payload from callback_inbox where event_id in (" + placeholders + ")", row,
                ids.toArray());
        return payloads;
    }

    /** Keeps the conflicting payload, unless the same one is kept for the id already (ACS delivers it again, too). */
    private void keepConflict(CallbackEvent event, Instant receivedAt) {
        List<String> kept = jdbc.queryForList("select payload from callback_conflict where event_id = ?", String.class,
                event.eventId());
        if (kept.stream().noneMatch(payload -> samePayload(payload, event.json()))) {
            jdbc.update("insert into callback_conflict (event_id, payload, received_at) values (?, ?, ?)",
                    event.eventId(), event.json(), Timestamp.from(receivedAt));
        }
    }

    /**
     * Whether two payloads are the same JSON: the same fields (in any order) with the same values, numbers compared by
     * value, so that the same event serialised again is not a conflict.
     */
    private boolean samePayload(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return mapper.readTree(a).equals(SAME_NUMBER, mapper.readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Conflicting deliveries, newest first, each with the payload stored under its id. */
    public List<CallbackConflict> conflicts(int limit) {
        return jdbc.query("select c.id, c.event_id, c.payload, c.received_at, i.payload as stored_payload "
                        + "from callback_conflict c left join callback_inbox i on i.event_id = c.event_id "
                        + "order by c.id desc fetch first ? rows only",
                (rs, row) -> new CallbackConflict(rs.getLong("id"), rs.getString("event_id"), rs.getString("payload"),
                        rs.getTimestamp("received_at").toInstant(), rs.getString("stored_payload")), limit);
    }

    /** The call's events still waiting for their flow, in the order they were received. */
    public List<InboxEntry> pending(String callConnectionId) {
        return jdbc.query("select " + COLUMNS + " from callback_inbox where status = ? and call_connection_id = ? order by id",
                ROW, InboxStatus.PENDING.name(), callConnectionId);
    }

    /** The event as stored now, if it is still pending. */
    public Optional<InboxEntry> stillPending(InboxEntry event) {
        return jdbc.query("select " + COLUMNS + " from callback_inbox where id = ? and status = ?", ROW, event.id(),
                InboxStatus.PENDING.name()).stream().findFirst();
    }

    /** How many events wait for their flow. */
    public long pendingCount() {
        return jdbc.queryForObject("select count(*) from callback_inbox where status = ?", Long.class,
                InboxStatus.PENDING.name());
    }

    /** Calls that have events waiting. */
    public List<String> callsWithPendingEvents() {
        return jdbc.queryForList("select distinct call_connection_id from callback_inbox where status = ?",
                String.class, InboxStatus.PENDING.name());
    }

    public List<InboxEntry> withStatus(InboxStatus status, int limit) {
        return jdbc.query("select " + COLUMNS + " from callback_inbox where status = ? order by id desc fetch first ? rows only",
                ROW, status.name(), limit);
    }

    /** Events with the status, newest first, only those stored before the event {@code beforeId} when it is given. */
    public List<InboxEntry> withStatus(InboxStatus status, Long beforeId, int limit) {
        if (beforeId == null) {
            return withStatus(status, limit);
        }
        return jdbc.query("select " + COLUMNS + " from callback_inbox where status = ? and id < ? order by id desc "
                + "fetch first ? rows only", ROW, status.name(), beforeId, limit);
    }

    /** The newest events of these calls, newest first. */
    public List<InboxEntry> newestOfCalls(Collection<String> callConnectionIds, int limit) {
        if (callConnectionIds.isEmpty()) {
            return List.of();
        }
        List<Object> arguments = new ArrayList<>(callConnectionIds);
        arguments.add(limit);
        return jdbc.query("select " + COLUMNS + " from callback_inbox where call_connection_id in ("
                + String.join(", ", Collections.nCopies(callConnectionIds.size(), "?")) + ") order by id desc "
                + "fetch first ? rows only", ROW, arguments.toArray());
    }

    public List<InboxEntry> ofCall(String callConnectionId) {
        return jdbc.query("select " + COLUMNS + " from callback_inbox where call_connection_id = ? order by id",
                ROW, callConnectionId);
    }

    public void markVariablesApplied(long id, String processInstanceId) {
        jdbc.update("update callback_inbox set variables_applied = true, process_instance_id = ? where id = ?",
                processInstanceId, id);
    }

    public void finish(long id, InboxStatus status, String processInstanceId, String reason) {
        jdbc.update("update callback_inbox set status = ?, process_instance_id = ?, reason = ?, handled_at = ?, "
                        + "attempts = attempts + 1 where id = ?",
                status.name(), processInstanceId, truncate(reason), Timestamp.from(clock.instant()), id);
    }

    /** Counts a failed attempt and keeps its cause, leaving the event pending. */
    public void recordFailedAttempt(long id, String reason) {
        jdbc.update("update callback_inbox set attempts = attempts + 1, reason = ? where id = ?", truncate(reason), id);
    }

    /**
     * Stores an event that reconciliation derived from the call's state asked of ACS ({@code origin} RECONCILED);
     * {@code false} when an event with its id is stored already (the same proof twice).
     */
    public boolean storeReconciled(CallbackEvent event, Instant at) {
        try {
            insert(event, at, null, "RECONCILED", Handled.WAITING);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * One statement for every row the inbox stores, whatever it stores it as (H2 keeps few prepared plans), with the
     * columns' types given so that a null needs no look-up of the statement's parameter types.
     */
    private void insert(CallbackEvent event, Instant receivedAt, CallbackSender sender, String origin, Handled handled) {
        boolean ended = handled.status() != InboxStatus.PENDING;
        jdbc.update("insert into callback_inbox (event_id, event_type, call_connection_id, operation_context, payload, "
                        + "received_at, status, variables_applied, attempts, process_instance_id, reason, handled_at, "
                        + "claimed_flow, claimed_call_key, origin) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new Object[] {event.eventId(), event.type(), event.callConnectionId(), event.operationContext(),
                        event.json(), Timestamp.from(receivedAt), handled.status().name(), handled.variablesApplied(),
                        ended ? 1 : 0, handled.processInstanceId(), truncate(handled.reason()),
                        ended ? Timestamp.from(clock.instant()) : null, sender == null ? null : sender.flow(),
                        sender == null ? null : sender.callKey(), origin},
                INSERT_TYPES);
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
    }

    private static InboxEntry entry(ResultSet rs, int row) throws SQLException {
        Timestamp handled = rs.getTimestamp("handled_at");
        return new InboxEntry(rs.getLong("id"), rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("call_connection_id"), rs.getString("operation_context"), rs.getString("payload"),
                rs.getTimestamp("received_at").toInstant(), InboxStatus.valueOf(rs.getString("status")),
                rs.getBoolean("variables_applied"), rs.getInt("attempts"), rs.getString("process_instance_id"),
                rs.getString("reason"), handled == null ? null : handled.toInstant(), rs.getString("claimed_flow"),
                rs.getString("claimed_call_key"), rs.getString("origin"));
    }
}
