package com.switchboard.callbacks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable record of every callback event: stored before ACS gets its 2xx, then moved to a final
 * status by correlation. A delivery is stored in one transaction, and the unique event id makes a redelivery a no-op.
 */
@Repository
public class CallbackInbox {

    private static final String COLUMNS = "id, event_id, event_type, call_connection_id, operation_context, payload, "
            + "received_at, status, variables_applied, attempts, process_instance_id, reason, handled_at, claimed_flow, claimed_call_key";
    private static final RowMapper<InboxEntry> ROW = CallbackInbox::entry;

    /** How often a delivery is tried when concurrent deliveries of its events get in its way. */
    private static final int STORE_ATTEMPTS = 3;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    CallbackInbox(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** What became of an event of a delivery. */
    enum Receipt {
        /** stored now */
        STORED,
        /** an event with its id was stored already (a redelivery) */
        DUPLICATE
    }

    /**
     * Stores the events of one delivery in one transaction: all of them, or none if the database fails half-way, so
     * that ACS's redelivery finds nothing half-done. An event whose id is stored already is not stored again.
     *
     * @param sender the flow and call whose callback URL they came to (null where callback authentication is off),
     *               checked against the call's owner on delivery
     * @return what became of each event, in the delivery's order
     */
    List<Receipt> store(List<CallbackEvent> events, Instant receivedAt, CallbackSender sender) {
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
        Set<String> stored = storedIds(events);
        List<Receipt> receipts = new ArrayList<>(events.size());
        for (CallbackEvent event : events) {
            if (!stored.add(event.eventId())) {
                receipts.add(Receipt.DUPLICATE);
                continue;
            }
            jdbc.update("insert into callback_inbox (event_id, event_type, call_connection_id, operation_context, payload, "
                            + "received_at, status, claimed_flow, claimed_call_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    event.eventId(), event.type(), event.callConnectionId(), event.operationContext(), event.json(),
                    Timestamp.from(receivedAt), InboxStatus.PENDING.name(), sender == null ? null : sender.flow(),
                    sender == null ? null : sender.callKey());
            receipts.add(Receipt.STORED);
        }
        return receipts;
    }

    /** Which of the events' ids are stored already. */
    private Set<String> storedIds(List<CallbackEvent> events) {
        if (events.isEmpty()) {
            return new HashSet<>();
        }
        List<String> ids = events.stream().map(CallbackEvent::eventId).distinct().toList();
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        return new HashSet<>(jdbc.queryForList("select event_id from callback_inbox where event_id in (" + placeholders + ")",
                String.class, ids.toArray()));
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
                status.name(), processInstanceId, truncate(reason), Timestamp.from(Instant.now()), id);
    }

    /** Counts a failed attempt and keeps its cause, leaving the event pending. */
    public void recordFailedAttempt(long id, String reason) {
        jdbc.update("update callback_inbox set attempts = attempts + 1, reason = ? where id = ?", truncate(reason), id);
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
                rs.getString("claimed_call_key"));
    }
}
