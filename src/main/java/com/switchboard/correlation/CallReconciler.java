package com.switchboard.correlation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.CallInfo;
import com.switchboard.acs.ParticipantInfo;
import com.switchboard.callbacks.CallbackEvent;
import com.switchboard.callbacks.CallbackEventsStored;
import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.engine.EngineTables;
import com.switchboard.engine.JobStart;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When callbacks were lost (Switchboard was down longer than ACS retries, a network dropped them), a flow must not
 * go down the wrong branch: Switchboard asks ACS for the call's state and participants and delivers what that
 * state proves, as events marked {@code RECONCILED} in the inbox:
 * <ul>
 *   <li>ACS no longer knows the call, or it is disconnected: CallDisconnected;</li>
 *   <li>the flow waits for CallConnected and the call is connected: CallConnected;</li>
 *   <li>the flow waits for the result of an invitation and the invited participant is in the call:
 *       AddParticipantSucceeded; of a removal and the participant is gone: RemoveParticipantSucceeded.</li>
 * </ul>
 * What the state cannot prove (a failure, a refusal) is left to the flow's own timers. It runs for every live call
 * when Switchboard starts, and for each call whose flow has waited {@code reconcile.after} with no event. A
 * reconciled event has an id derived from what it proves, so asking twice delivers it once; the real event, if ACS
 * delivers it after all, finds the flow moved on.
 */
@Component
public class CallReconciler {

    private static final Logger log = LoggerFactory.getLogger(CallReconciler.class);
    private static final String PREFIX = "Microsoft.Communication.";

    private final JdbcTemplate jdbc;
    private final CallAutomationGateway acs;
    private final CallbackInbox inbox;
    private final PendingOperations pending;
    private final RuntimeService runtime;
    private final ApplicationEventPublisher publisher;
    private final ReconcileProperties properties;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Worker worker = Worker.named("call-reconciler");
    private final CorrelationLanes lanes;
    private final JobStart jobs;

    CallReconciler(JdbcTemplate jdbc, CallAutomationGateway acs, CallbackInbox inbox, PendingOperations pending,
                   RuntimeService runtime, ApplicationEventPublisher publisher, ReconcileProperties properties,
                   ObjectMapper mapper, Clock clock, MeterRegistry meters, CorrelationLanes lanes, Optional<JobStart> jobs) {
        this.lanes = lanes;
        this.jobs = jobs.orElse(why -> { }); // a node without jobs
        this.jdbc = jdbc;
        this.acs = acs;
        this.inbox = inbox;
        this.pending = pending;
        this.runtime = runtime;
        this.publisher = publisher;
        this.properties = properties;
        this.mapper = mapper;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * After a start, Switchboard catches up before the engine runs any job: the events the inbox holds from before
     * are tried, and every live call is asked about, a batch after the other, as fast as ACS answers (its events may
     * have come while no node listened). Only then, or after {@code catch-up-limit}, does the job executor start, so
     * that a timer that fell due while the node was down cannot overtake the answer that came before it.
     */
    @EventListener(ApplicationReadyEvent.class)
    void afterStart() {
        Timestamp started = Timestamp.from(clock.instant());
        Instant deadline = Instant.now().plus(properties.catchUpLimit());
        CompletableFuture.delayedExecutor(properties.catchUpLimit().toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> jobs.release("the catch-up after the start took longer than " + properties.catchUpLimit()));
        worker.submit(() -> {
            try {
                lanes.drainPending(deadline);
                for (List<WaitingCall> batch = waitingCalls(started, false); !batch.isEmpty() && !worker.stopping();
                     batch = waitingCalls(started, false)) {
                    reconcile(batch, "after start");
                }
                lanes.awaitLanes(deadline);
                jobs.release("caught up on the calls after the start");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Catching up on the calls after the start failed; jobs start now, the quiet-call look goes on", e);
                jobs.release("the catch-up after the start failed");
            }
        });
    }

    @Scheduled(fixedDelayString = "${switchboard.callbacks.reconcile.interval}",
            initialDelayString = "${switchboard.callbacks.reconcile.interval}")
    void quietCalls() {
        worker.submit(() -> reconcile(waitingCalls(Timestamp.from(clock.instant().minus(properties.after())), true), "quiet"));
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        worker.stop(Duration.ofSeconds(10));
    }

    private record WaitingCall(String callConnectionId, String flow) {
    }

    /**
     * Calls whose flow waits for a message and that were not asked about since the cutoff (nor made since); quiet
     * ones only: with no event since either.
     */
    private List<WaitingCall> waitingCalls(Timestamp cutoff, boolean quietOnly) {
        String quiet = quietOnly ? " and not exists (select 1 from callback_inbox i where i.call_connection_id = "
                + "o.call_connection_id and i.received_at >= ?)" : "";
        String sql = "select o.call_connection_id, o.process_instance_id from call_owner o where "
                + "coalesce(o.reconciled_at, o.created_at) < ? and " + EngineTables.waitsForMessage("o.process_instance_id")
                + quiet
                + " order by coalesce(o.reconciled_at, o.created_at) fetch first " + properties.batch() + " rows only";
        Object[] arguments = quietOnly ? new Object[]{cutoff, cutoff} : new Object[]{cutoff};
        return jdbc.query(sql, (rs, row) -> new WaitingCall(rs.getString(1), rs.getString(2)), arguments);
    }

    private void reconcile(List<WaitingCall> calls, String why) {
        if (!calls.isEmpty()) {
            log.info("Asking ACS about {} call(s) ({})", calls.size(), why);
        }
        for (WaitingCall call : calls) {
            if (worker.stopping()) {
                return; // the next look, here or on another node, asks about the rest
            }
            try (MDC.MDCCloseable c = MDC.putCloseable("callConnectionId", call.callConnectionId());
                 MDC.MDCCloseable f = MDC.putCloseable("processInstanceId", call.flow())) {
                reconcile(call);
            } catch (RuntimeException e) {
                log.warn("Could not ask ACS about call {}; the next look tries again: {}", call.callConnectionId(), e.toString());
            } finally {
                jdbc.update("update call_owner set reconciled_at = ? where call_connection_id = ?",
                        Timestamp.from(clock.instant()), call.callConnectionId());
            }
        }
    }

    /** Asks ACS about one call and stores what its state proves; true when that was anything. */
    boolean reconcile(WaitingCall call) {
        Set<String> waits = runtime.createEventSubscriptionQuery().processInstanceId(call.flow()).eventType("message")
                .list().stream().map(EventSubscription::getEventName).collect(Collectors.toSet());
        CallInfo state = acs.liveCall(call.callConnectionId()).orElse(null);
        List<CallbackEvent> stored = new ArrayList<>();
        if (state == null) {
            store(call, "CallDisconnected", null, null, null, "ACS no longer knows the call: it has ended", stored);
        } else {
            if (waits.contains("CallConnected") && "connected".equalsIgnoreCase(state.state())) {
                store(call, "CallConnected", null, null, state, "ACS says the call is connected", stored);
            }
            List<String> present = acs.listParticipants(call.callConnectionId()).stream().map(ParticipantInfo::rawId).toList();
            for (PendingOperations.Pending operation : pending.of(call.callConnectionId())) {
                boolean inCall = present.contains(operation.participant());
                if (PendingOperations.ADD_PARTICIPANT.equals(operation.operation()) && inCall
                        && waits.contains("AddParticipantSucceeded")) {
                    store(call, "AddParticipantSucceeded", operation.operationContext(), operation.participant(),
                            state, "The invited participant is in the call", stored);
                } else if (PendingOperations.REMOVE_PARTICIPANT.equals(operation.operation()) && !inCall
                        && waits.contains("RemoveParticipantSucceeded")) {
                    store(call, "RemoveParticipantSucceeded", operation.operationContext(),
                            operation.participant(), state, "The removed participant is no longer in the call", stored);
                }
            }
        }
        if (!stored.isEmpty()) {
            publisher.publishEvent(new CallbackEventsStored(stored));
        }
        return !stored.isEmpty();
    }

    /** Stores the event the proof makes, and adds it to {@code stored}, unless it is stored already. */
    private void store(WaitingCall call, String name, String operationContext, String participant, CallInfo state,
                       String proof, List<CallbackEvent> stored) {
        String id = "reconciled-" + UUID.nameUUIDFromBytes((call.callConnectionId() + "/" + name + "/" + operationContext)
                .getBytes(StandardCharsets.UTF_8));
        ObjectNode event = mapper.createObjectNode();
        event.put("id", id);
        event.put("type", PREFIX + name);
        event.put("source", "calling/callConnections/" + call.callConnectionId());
        event.put("subject", "calling/callConnections/" + call.callConnectionId());
        event.put("specversion", "1.0");
        event.put("time", clock.instant().toString());
        ObjectNode data = event.putObject("data");
        data.put("callConnectionId", call.callConnectionId());
        if (state != null) {
            data.put("serverCallId", state.serverCallId());
            data.put("correlationId", state.correlationId());
        }
        if (operationContext != null) {
            data.put("operationContext", operationContext);
            data.putObject("participant").put("rawId", participant);
            ObjectNode result = data.putObject("resultInformation");
            result.put("code", 200);
            result.put("subCode", 0);
            result.put("message", "Reconciled: " + proof);
        }
        data.put("reconciled", proof);
        CallbackEvent reconciled = new CallbackEvent(id, PREFIX + name, call.callConnectionId(), operationContext, data,
                event.toString());
        if (inbox.storeReconciled(reconciled, clock.instant())) {
            stored.add(reconciled);
            meters.counter("switchboard.callbacks.reconciled", "type", name).increment();
            log.info("Reconciled call {}: {} ({})", call.callConnectionId(), name, proof);
        }
    }
}
