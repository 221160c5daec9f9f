package com.switchboard.correlation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.callbacks.AcsEventNames;
import com.switchboard.callbacks.CallOwner;
import com.switchboard.callbacks.InboxEntry;
import com.switchboard.callbacks.InboxStatus;
import com.switchboard.engine.EngineTables;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one event to its flow, inside the caller's transaction, and writes what became of it to the record the
 * caller gives ({@link EventRecord}):
 * <ol>
 *   <li>find the owner of the call (an indexed lookup, never a search over variables);</li>
 *   <li>once per event, update the call's variables ({@link CallVariables});</li>
 *   <li>deliver the BPMN message named after the event to the owner's process instance. Events about the
 *       call as a whole (CallConnected, CallDisconnected, ParticipantsUpdated) reach every wait for them;
 *       an operation's result reaches only the wait on the flow branch that sent the operation.</li>
 * </ol>
 * An event whose flow is unknown, or not yet at a wait for it, stays pending until its time-to-live
 * runs out; an event the flow never models a wait for is done once its variables are applied.
 */
class EventCorrelator {

    /** What became of an event. */
    enum Outcome { DONE, WAITING_FOR_OWNER, WAITING_FOR_WAIT_STATE }

    private static final Set<String> CALL_WIDE_EVENTS = Set.of("CallConnected", "CallDisconnected", "ParticipantsUpdated",
            "ContinuousDtmfRecognitionToneReceived", "ContinuousDtmfRecognitionToneFailed",
            "ContinuousDtmfRecognitionStopped", "RecordingStateChanged", "StartRecordingFailed");
    private static final Logger log = LoggerFactory.getLogger(EventCorrelator.class);

    private final RuntimeService runtime;
    private final CallOwnership ownership;
    private final EngineTables engineTables;
    private final ModelledMessages modelledMessages;
    private final CallVariables callVariables;
    private final StoredEventData eventData;
    private final Duration timeToLive;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer correlatedLatency;
    private final Timer appliedLatency;

    EventCorrelator(RuntimeService runtime, CallOwnership ownership, EngineTables engineTables,
                    ModelledMessages modelledMessages, StoredEventData eventData,
                    ObjectMapper mapper, Duration timeToLive, Clock clock, MeterRegistry meters) {
        this.runtime = runtime;
        this.ownership = ownership;
        this.engineTables = engineTables;
        this.modelledMessages = modelledMessages;
        this.callVariables = new CallVariables(mapper);
        this.eventData = eventData;
        this.timeToLive = timeToLive;
        this.clock = clock;
        this.meters = meters;
        this.correlatedLatency = latencyTimer(meters, InboxStatus.CORRELATED);
        this.appliedLatency = latencyTimer(meters, InboxStatus.APPLIED);
    }

    /**
     * @param ownerHint the call's owner where the caller has looked it up in this transaction, else null
     * @param record    where what became of the event is written, in the caller's transaction
     */
    Outcome correlate(InboxEntry event, CallOwner ownerHint, EventRecord record) {
        CallOwner found = ownerHint != null ? ownerHint : ownership.ownerOf(event.callConnectionId());
        if (found == null) {
            return isExpired(event)
                    ? unmatched(event, record, null, "No flow owns call connection " + event.callConnectionId()
                            + ": it was not made by Switchboard, or the action that made it never completed")
                    : Outcome.WAITING_FOR_OWNER;
        }
        String owner = found.flow();
        if (event.claimedFlow() != null && !found.admits(event.claimedFlow(), event.claimedCallKey())) {
            return rejected(event, record, owner);
        }
        String name = event.eventName();
        if (!AcsEventNames.isEvent(name)) {
            // A flow waits only for ACS events and its own "flow:" messages (AcsMessageWaits), and ACS sends no
            // "flow:" message: a callback of any other type must not reach a flow's own wait.
            return unmatched(event, record, owner, name + " is no ACS Call Automation event: no flow waits for it");
        }
        EngineTables.RunningFlow flow = engineTables.runningFlow(owner, CallVariables.NAMES);
        if (flow == null) {
            return unmatched(event, record, owner, "The flow that owned call " + event.callConnectionId()
                    + " (process instance " + owner + ") has already ended");
        }
        boolean appliedNow = !event.variablesApplied();
        // The call variables the event changes (see CallVariables#changes), against the flow's current ones.
        Map<String, Object> variables = appliedNow
                ? callVariables.changes(name, eventData.of(event), flow.variables()) : Map.of();
        if (!modelledMessages.models(flow.definitionId(), name)) {
            // No wait for it anywhere in the flow's diagram (ParticipantsUpdated, in most): the engine has nothing
            // to correlate, and the event only updates the call's variables.
            apply(owner, variables);
            record.finish(InboxStatus.APPLIED, owner, "The flow models no wait for " + name
                    + "; the call's variables were updated");
            recordLatency(event, appliedLatency);
            return Outcome.DONE;
        }
        if (CALL_WIDE_EVENTS.contains(name)
                && !runtime.createMessageCorrelation(name).processInstanceId(owner).setVariables(variables)
                        .correlateAllWithResult().isEmpty()) {
            // The common case in one engine command, as the engine's own correlation does it: every wait for the
            // event gets it, with the call's variables. When no wait is there, nothing has happened yet.
            return delivered(event, record, owner);
        }
        // A call-wide event found no wait above. A result looks for the waits through the instance's executions, as
        // the engine's own correlation does: indexed by process instance.
        List<Execution> waits = CALL_WIDE_EVENTS.contains(name) ? List.of() : runtime.createExecutionQuery()
                .processInstanceId(owner).messageEventSubscriptionName(name).list();
        if (waits.isEmpty()) {
            apply(owner, variables);
            return isExpired(event)
                    ? unmatched(event, record, owner, "The flow did not wait for " + name + " within " + timeToLive.toSeconds() + " s")
                    : stillWaiting(record, owner, appliedNow);
        }
        Optional<Execution> target = OperationContexts.waitFor(event.operationContext(), waits, runtime);
        if (target.isEmpty()) {
            apply(owner, variables);
            return isExpired(event)
                    ? unmatched(event, record, owner, waits.size() + " wait(s) for " + name + ", none on the branch that sent "
                            + "operation context " + event.operationContext())
                    : stillWaiting(record, owner, appliedNow);
        }
        runtime.messageEventReceived(name, target.get().getId(), variables);
        return delivered(event, record, owner);
    }

    private void apply(String owner, Map<String, Object> variables) {
        if (!variables.isEmpty()) {
            runtime.setVariables(owner, variables);
        }
    }

    private Outcome delivered(InboxEntry event, EventRecord record, String owner) {
        record.finish(InboxStatus.CORRELATED, owner, null);
        recordLatency(event, correlatedLatency);
        log.debug("{} delivered to the flow", event.eventName());
        return Outcome.DONE;
    }

    /** From the event's receipt to its delivery (this transaction commits right after). */
    private void recordLatency(InboxEntry event, Timer outcome) {
        outcome.record(Duration.between(event.receivedAt(), clock.instant()));
    }

    private static Timer latencyTimer(MeterRegistry meters, InboxStatus outcome) {
        return Timer.builder("switchboard.correlation.latency").description("From a callback's receipt to its delivery")
                .tag("outcome", outcome.name()).publishPercentileHistogram().register(meters);
    }

    /**
     * The event stays pending. Variables applied in this transaction are recorded, so a later attempt does not
     * apply them again over newer ones; an event that is finished now needs no such mark.
     */
    private Outcome stillWaiting(EventRecord record, String owner, boolean appliedNow) {
        if (appliedNow) {
            record.variablesApplied(owner);
        }
        return Outcome.WAITING_FOR_WAIT_STATE;
    }

    boolean isExpired(InboxEntry event) {
        return event.receivedAt().plus(timeToLive).isBefore(clock.instant());
    }

    /** Came to the callback URL of another call: a stolen token, never an ACS mistake. Stored for inspection, not delivered. */
    private Outcome rejected(InboxEntry event, EventRecord record, String owner) {
        meters.counter("switchboard.callbacks.rejected", "reason", "wrong-call").increment();
        log.warn("Event {} ({}) came to a callback URL of flow {} that was not given for call {} of flow {}: not delivered",
                event.eventId(), event.eventType(), event.claimedFlow(), event.callConnectionId(), owner);
        record.finish(InboxStatus.REJECTED, owner, "It came to a callback URL of flow " + event.claimedFlow()
                + " that was not given for call " + event.callConnectionId() + " of flow " + owner);
        return Outcome.DONE;
    }

    private Outcome unmatched(InboxEntry event, EventRecord record, String owner, String reason) {
        log.warn("Callback event {} ({}) for call {} is unmatched: {}", event.eventId(), event.eventType(),
                event.callConnectionId(), reason);
        record.finish(InboxStatus.UNMATCHED, owner, reason);
        meters.counter("switchboard.callbacks.unmatched", "type", AcsEventNames.metricLabel(event.eventName())).increment();
        return Outcome.DONE;
    }
}
