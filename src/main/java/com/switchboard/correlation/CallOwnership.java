package com.switchboard.correlation;

import com.switchboard.callbacks.CallOwner;
import com.switchboard.callbacks.CallOwners;
import com.switchboard.engine.AfterCommit;
import com.switchboard.engine.EngineTables;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which process instance owns which call connection: the indexed lookup every callback event goes
 * through, instead of a search over process variables.
 */
@Repository
public class CallOwnership implements CallOwners {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    CallOwnership(JdbcTemplate jdbc, ApplicationEventPublisher publisher, PlatformTransactionManager transactions,
                  Clock clock) {
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Records that the process instance owns the call, and the key of the callback URL it gave ACS for it
     * ({@code CallbackUrls.forCall}), in the caller's transaction: correlation takes the call's events once the step
     * that made the call has committed (not while it runs, which would change the flow under the step's feet), and
     * early events are then correlated at once. That the flow made the call is also recorded at once, in a
     * transaction of its own, so a call ACS made is hung up with its flow even when the step fails afterwards
     * ({@link CallJanitor}; the step's retry makes ACS answer with the same call, its request key being the same).
     */
    public void register(String callConnectionId, String processInstanceId, String callbackKey) {
        ownTransaction.executeWithoutResult(status -> {
            if (jdbc.update("update made_call set process_instance_id = ? where call_connection_id = ?", processInstanceId,
                    callConnectionId) == 0) {
                jdbc.update("insert into made_call (call_connection_id, process_instance_id, created_at) values (?, ?, ?)",
                        callConnectionId, processInstanceId, Timestamp.from(clock.instant()));
            }
        });
        int updated = jdbc.update("update call_owner set process_instance_id = ?, callback_key = ? where call_connection_id = ?",
                processInstanceId, callbackKey, callConnectionId);
        if (updated == 0) {
            jdbc.update("insert into call_owner (call_connection_id, process_instance_id, callback_key, created_at) "
                    + "values (?, ?, ?, ?)", callConnectionId, processInstanceId, callbackKey, Timestamp.from(clock.instant()));
        }
        AfterCommit.run(() -> publisher.publishEvent(new CorrelationDue.CallOwned(callConnectionId)));
    }

    /** The calls the flow owns or made (at most {@code limit}). */
    public List<String> callsOf(String processInstanceId, int limit) {
        return jdbc.queryForList("select call_connection_id from call_owner where process_instance_id = ? "
                + "union select call_connection_id from made_call where process_instance_id = ? "
                + "fetch first " + limit + " rows only", String.class, processInstanceId, processInstanceId);
    }

    public long liveCalls() {
        return jdbc.queryForObject("select count(*) from call_owner o where " + EngineTables.isRunning("o.process_instance_id"),
                Long.class);
    }

    /** The process instance that owns the call, with the call's callback key, or null. */
    @Override
    public CallOwner ownerOf(String callConnectionId) {
        List<CallOwner> owners = jdbc.query("select process_instance_id, callback_key from call_owner where call_connection_id = ?",
                (rs, row) -> new CallOwner(rs.getString(1), rs.getString(2)), callConnectionId);
        return owners.isEmpty() ? null : owners.get(0);
    }
}
