package com.switchboard.correlation;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.HangUpRequest;
import com.switchboard.acs.RequestKey;
import com.switchboard.engine.AfterCommit;
import com.switchboard.engine.EngineTables;
import com.switchboard.engine.FlowEndListener;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * No call is left running at ACS once its flow is gone. When a flow ends, however it ends (its end event, an
 * operator cancelling it in Cockpit, an incident deleted), the calls it owns that ACS still has are hung up for
 * everyone, and what the flow had pending is forgotten. The engine tells it of every flow's end, even a deletion that
 * skips custom listeners ({@link FlowEndListener}); a sweep catches what a crash between the flow's end and the
 * hang-up left.
 */
@Component
class CallJanitor implements FlowEndListener {

    private static final Logger log = LoggerFactory.getLogger(CallJanitor.class);

    private final ObjectProvider<JdbcTemplate> jdbc;
    private final ObjectProvider<CallAutomationGateway> acs;
    private final ObjectProvider<PendingOperations> pending;
    private final int batch;
    private final Clock clock;
    private final Worker worker = Worker.named("call-janitor");

    CallJanitor(ObjectProvider<JdbcTemplate> jdbc, ObjectProvider<CallAutomationGateway> acs,
                ObjectProvider<PendingOperations> pending, ReconcileProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.acs = acs;
        this.pending = pending;
        this.batch = properties.batch();
        this.clock = clock;
    }

    @Override
    public void flowEnded(String processInstanceId) {
        AfterCommit.run(() -> worker.submit(() -> release(processInstanceId)));
    }

    /** Calls whose flow no longer runs and that were not let go of yet: a crash came between. */
    @Scheduled(fixedDelayString = "${switchboard.callbacks.reconcile.interval}",
            initialDelayString = "${switchboard.callbacks.reconcile.interval}")
    void sweep() {
        List<String> flows = jdbc.getObject().queryForList("select distinct o.process_instance_id from made_call o "
                + "where o.released_at is null and not " + EngineTables.isRunning("o.process_instance_id")
                + " fetch first " + batch + " rows only", String.class);
        flows.forEach(flow -> worker.submit(() -> release(flow)));
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        worker.stop(Duration.ofSeconds(10));
    }

    private void release(String flow) {
        try (MDC.MDCCloseable f = MDC.putCloseable("processInstanceId", flow)) {
            List<String> calls = jdbc.getObject().queryForList("select call_connection_id from made_call where "
                    + "process_instance_id = ? and released_at is null", String.class, flow);
            for (String call : calls) {
                try (MDC.MDCCloseable c = MDC.putCloseable("callConnectionId", call)) {
                    hangUpIfLive(call);
                    jdbc.getObject().update("update made_call set released_at = ? where call_connection_id = ?",
                            Timestamp.from(clock.instant()), call);
                } catch (RuntimeException e) {
                    log.warn("Could not hang up call {} of the ended flow {}; the sweep tries again: {}", call, flow,
                            e.toString());
                }
            }
            pending.getObject().forgetFlow(flow);
        }
    }

    private void hangUpIfLive(String call) {
        if (jdbc.getObject().queryForObject("select count(*) from callback_inbox where call_connection_id = ? and "
                + "event_type = 'Microsoft.Communication.CallDisconnected'", Integer.class, call) > 0) {
            return; // ACS said it has ended: no need to ask
        }
        if (acs.getObject().liveCall(call).isPresent() && acs.getObject().hangUp(new HangUpRequest(call, true), RequestKey.random())) {
            log.warn("The flow that owned call {} has ended while the call was still live: hung up for everyone", call);
        }
    }
}
