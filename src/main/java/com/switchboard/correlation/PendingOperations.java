package com.switchboard.correlation;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operations on a call whose outcome the flow waits for and that the call's state can later prove: an invited
 * participant who is in the call was added, a removed one who is gone was removed. The reconciliation reads them
 * ({@link CallReconciler}); they go when their flow ends ({@link CallJanitor}).
 */
@Repository
public class PendingOperations {

    public static final String ADD_PARTICIPANT = "AddParticipant";
    public static final String REMOVE_PARTICIPANT = "RemoveParticipant";

    record Pending(String operationContext, String operation, String participant) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    PendingOperations(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Records the operation before it is sent, in a transaction of its own: a crash or a rollback of the step after
     * ACS took the request must not lose what the flow is waiting for. A retry of the step records it again.
     */
    public void record(String callConnectionId, String operationContext, String operation, String participant,
                       String processInstanceId) {
        ownTransaction.executeWithoutResult(status -> {
            try {
                jdbc.update("insert into pending_operation (operation_context, call_connection_id, operation, participant, "
                                + "process_instance_id, created_at) values (?, ?, ?, ?, ?, ?)", operationContext,
                        callConnectionId, operation, participant, processInstanceId, Timestamp.from(clock.instant()));
            } catch (DuplicateKeyException retried) {
                // the same step again: the same operation context, recorded already
            }
        });
    }

    List<Pending> of(String callConnectionId) {
        return jdbc.query("select operation_context, operation, participant from pending_operation where call_connection_id = ?",
                (rs, row) -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3)), callConnectionId);
    }

    void forgetFlow(String processInstanceId) {
        jdbc.update("delete from pending_operation where process_instance_id = ?", processInstanceId);
    }
}
