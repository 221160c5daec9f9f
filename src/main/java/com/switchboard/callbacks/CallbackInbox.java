package com.switchboard.callbacks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The durable record of every callback event: stored before ACS gets its 2xx, then moved to a final
 * status by correlation. The unique event id makes a redelivery a no-op.
 */
@Repository
public class CallbackInbox {

    private static final String COLUMNS = "id, event_id, event_type, call_connection_id, operation_context, payload, "
            + "received_at, status, variables_applied, attempts, process_instance_id, reason, handled_at, claimed_flow, claimed_call_key, origin";
    private static final RowMapper<InboxEntry> ROW = CallbackInbox::entry;

    private final JdbcTemplate jdbc;

    CallbackInbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the event; {@code false} when an event with its id is already stored (a redelivery).
     *
     * @param sender the flow and call whose callback URL it came to (null where callback authentication is off),
     *               checked against the call's owner on delivery
     */
    boolean store(CallbackEvent event, Instant receivedAt, CallbackSender sender) {
        try {
            jdbc.update("insert into callback_inbox (event_id, event_type, call_connection_id, operation_context, payload, "
                            + "received_at, status, claimed_flow, claimed_call_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    event.eventId(), event.type(), event.callConnectionId(), event.operationContext(), event.json(),
                    Timestamp.from(receivedAt), InboxStatus.PENDING.name(), sender == null ? null : sender.flow(),
                    sender == null ? null : sender.callKey());
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
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

    /**
     * Stores an event that reconciliation derived from the call's state asked of ACS ({@code origin} RECONCILED);
     * {@code false} when an event with its id is stored already (the same proof twice).
     */
    public boolean storeReconciled(String eventId, String type, String callConnectionId, String operationContext,
                                   String json, Instant at) {
        try {
            jdbc.update("insert into callback_inbox (event_id, event_type, call_connection_id, operation_context, payload, "
                            + "received_at, status, origin) values (?, ?, ?, ?, ?, ?, ?, 'RECONCILED')", eventId, type,
                    callConnectionId, operationContext, json, Timestamp.from(at), InboxStatus.PENDING.name());
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
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
