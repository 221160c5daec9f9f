package com.switchboard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.switchboard.SwitchboardIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A step's job made outside the job executor is locked for this node in the transaction that makes it, so that no
 * acquisition (of this node or another) takes it, and runs once that transaction has committed.
 */
class JobHandOverIT extends SwitchboardIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    TaskService tasks;
    @Autowired
    MeterRegistry meters;

    private double handedOver() {
        return meters.counter("switchboard.jobs.handed-over").count();
    }

    /** The count once no flow of an earlier test has handed a job over for a moment. */
    private double handedOverOnceQuiet() {
        double[] last = {handedOver()};
        await().atMost(FLOW_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            double now = handedOver();
            boolean quiet = now == last[0];
            last[0] = now;
            return quiet;
        });
        return last[0];
    }

    @Test
    void aStepDueNowIsLockedForThisNodeWhereItIsMadeAndRunsAfterTheCommit() {
        JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        await().atMost(FLOW_TIMEOUT).until(executor::isActive); // started once the node has caught up after its start
        String lockOwner = executor.getLockOwner();
        double handedOverBefore = handedOver();

        record Seen(String flow, List<Map<String, Object>> jobs) { }
        Seen seen = transactions.execute(status -> {
            String flow = runtime.startProcessInstanceByKey("test-job-hand-over").getId();
            return new Seen(flow, jdbc.queryForList("select HANDLER_TYPE_ as type, LOCK_OWNER_ as owner,"
                    + " LOCK_EXP_TIME_ as expires from ACT_RU_JOB where PROCESS_INSTANCE_ID_ = ? order by HANDLER_TYPE_", flow));
        });

        assertThat(seen.jobs()).as("the async step and the timer, before the commit").hasSize(2);
        Map<String, Object> step = seen.jobs().get(0);
        Map<String, Object> timer = seen.jobs().get(1);
        assertThat(step.get("type")).isEqualTo("async-continuation");
        assertThat(step.get("owner")).as("locked for this node's job executor in the inserting transaction").isEqualTo(lockOwner);
        assertThat(step.get("expires")).as("a lock that expires, for another node to take over").isNotNull();
        assertThat(timer.get("type")).isEqualTo("timer-intermediate-transition");
        assertThat(timer.get("owner")).as("a timer due later is the acquisition's").isNull();

        await().atMost(FLOW_TIMEOUT).until(() -> tasks.createTaskQuery().processInstanceId(seen.flow())
                .taskDefinitionKey("afterStep").count() == 1);
        assertThat(jdbc.queryForList("select HANDLER_TYPE_ from ACT_RU_JOB where PROCESS_INSTANCE_ID_ = ?", String.class,
                seen.flow())).as("the step ran; the timer still waits, unlocked")
                .containsExactly("timer-intermediate-transition");
        assertThat(jdbc.queryForObject("select count(*) from ACT_RU_JOB where PROCESS_INSTANCE_ID_ = ? and LOCK_OWNER_ is null",
                Integer.class, seen.flow())).isEqualTo(1);
        assertThat(handedOver()).as("counted on the metric operators watch").isGreaterThan(handedOverBefore);
        runtime.deleteProcessInstance(seen.flow(), "test");
    }

    @Test
    void aStepMadeInATransactionThatRollsBackIsNeverHandedOverNorRun() {
        double before = handedOverOnceQuiet();
        String[] flow = new String[1];
        transactions.execute(status -> {
            flow[0] = runtime.startProcessInstanceByKey("test-job-hand-over").getId();
            status.setRollbackOnly();
            return null;
        });
        assertThat(jdbc.queryForObject("select count(*) from ACT_RU_JOB where PROCESS_INSTANCE_ID_ = ?", Integer.class,
                flow[0])).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(flow[0]).count()).isZero();
        assertThat(handedOver()).as("the hand-over waits for the commit: nothing for a rolled-back transaction")
                .isEqualTo(before);
    }
}
