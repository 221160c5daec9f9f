package com.switchboard.callbacks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook ACS posts callback events to. The security layer has checked ACS's token and the flow's callback
 * URL before the body is read (security/HttpSecurityConfiguration); here an event that does not fit the inbox
 * refuses the whole delivery (400), as does an event about a call that another flow owns (401), and nothing of it is
 * stored. All events of a delivery are committed in one transaction before ACS hears 2xx, so a crash after the answer
 * loses nothing and a failure before it stores nothing; correlation to the flows happens after, on the correlation
 * lanes, or, for a single event whose call has no earlier event waiting, in the very transaction that stores it
 * ({@link DeliveryOnReceipt}).
 */
@RestController
@RequestMapping("/api/callbacks")
class CallbackController {

    private static final Logger log = LoggerFactory.getLogger(CallbackController.class);

    private final CallbackIntake intake;
    private final CloudEventsReader reader;
    private final CallbackInbox inbox;
    private final DeliveryOnReceipt onReceipt;
    private final CallOwners owners;
    private final CallbackRejections rejections;
    private final ApplicationEventPublisher publisher;
    private final MeterRegistry meters;
    private final Clock clock;

    CallbackController(CallbackIntake intake, CloudEventsReader reader, CallbackInbox inbox,
                       ObjectProvider<DeliveryOnReceipt> onReceipt, CallOwners owners, CallbackRejections rejections,
                       ApplicationEventPublisher publisher, MeterRegistry meters, Clock clock) {
        this.intake = intake;
        this.reader = reader;
        this.inbox = inbox;
        this.onReceipt = onReceipt.getIfAvailable(() -> (event, receivedAt, sender) -> Optional.empty());
        this.owners = owners;
        this.rejections = rejections;
        this.publisher = publisher;
        this.meters = meters;
        this.clock = clock;
    }

    /** @param sender the flow whose callback URL this is; null only where callback authentication is off */
    @PostMapping(consumes = {"application/json", "application/cloudevents-batch+json", "application/cloudevents+json"})
    ResponseEntity<?> receive(@AuthenticationPrincipal CallbackSender sender, @RequestBody byte[] body) {
        if (!intake.isOpen()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "This node is shutting down; deliver the callback again");
            problem.setTitle("Shutting down");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
        }
        List<CallbackEvent> events = reader.read(body);
        if (sender != null) {
            checkOwnedBy(sender, events);
        }
        Instant receivedAt = clock.instant();
        Optional<DeliveryOnReceipt.Taken> taken = events.size() == 1
                ? onReceipt.storeAndDeliver(events.get(0), receivedAt, sender) : Optional.empty();
        List<CallbackInbox.Receipt> receipts = taken.map(DeliveryOnReceipt.Taken::receipts)
                .orElseGet(() -> inbox.store(events, receivedAt, sender));
        boolean delivered = taken.map(DeliveryOnReceipt.Taken::delivered).orElse(false);
        List<CallbackEvent> stored = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            CallbackEvent event = events.get(i);
            MDC.put("callConnectionId", event.callConnectionId());
            switch (receipts.get(i)) {
                case STORED -> {
                    if (!delivered) {
                        stored.add(event);
                    }
                    meters.counter("switchboard.callbacks.received", "type", AcsEventNames.metricLabel(event.name())).increment();
                }
                case DUPLICATE -> {
                    meters.counter("switchboard.callbacks.duplicates").increment();
                    log.info("Callback event {} ({}) for call {} was delivered again; it is stored already",
                            event.eventId(), event.type(), event.callConnectionId());
                }
                case CONFLICT -> {
                    meters.counter("switchboard.callbacks.conflicts").increment();
                    log.warn("Callback event {} ({}) for call {} came again with another payload: the stored one stays, "
                            + "this one is kept in callback_conflict (GET /api/callbacks/conflicts)",
                            event.eventId(), event.type(), event.callConnectionId());
                }
            }
        }
        MDC.remove("callConnectionId");
        if (!stored.isEmpty()) {
            publisher.publishEvent(new CallbackEventsStored(stored));
        }
        return ResponseEntity.ok().build();
    }

    /**
     * Every event must be about the call the URL was made for. A call whose owner is not recorded yet (ACS answered
     * before the action committed) is checked when it is: see correlation.
     */
    private void checkOwnedBy(CallbackSender sender, List<CallbackEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            CallbackEvent event = events.get(i);
            CallOwner owner = owners.ownerOf(event.callConnectionId());
            if (owner != null && !owner.admits(sender.flow(), sender.callKey())) {
                throw new InvalidCallbackTokenException("wrong-call", "Event " + i + " (" + event.eventId() + ") is "
                        + "about call " + event.callConnectionId() + ", which is not the call this callback URL was "
                        + "given for");
            }
        }
    }

    /** Stored events by status, newest first: {@code GET /api/callbacks?status=UNMATCHED}. */
    @GetMapping
    List<InboxEntry> list(@RequestParam(defaultValue = "UNMATCHED") InboxStatus status,
                          @RequestParam(defaultValue = "100") int limit) {
        return inbox.withStatus(status, Math.max(1, Math.min(limit, 1000)));
    }

    /** Events that reached no flow, with the reason, newest first. */
    @GetMapping("/unmatched")
    List<InboxEntry> unmatched(@RequestParam(defaultValue = "100") int limit) {
        return list(InboxStatus.UNMATCHED, limit);
    }

    /**
     * Events that came again with the id of a stored event but another payload, newest first, each with the stored
     * payload: the flow got the stored one.
     */
    @GetMapping("/conflicts")
    List<CallbackConflict> conflicts(@RequestParam(defaultValue = "100") int limit) {
        return inbox.conflicts(Math.max(1, Math.min(limit, 1000)));
    }

    @ExceptionHandler(InvalidCallbackTokenException.class)
    ProblemDetail unauthenticated(InvalidCallbackTokenException e) {
        return rejections.refuse(e);
    }

    @ExceptionHandler(InvalidCallbackException.class)
    ProblemDetail invalid(InvalidCallbackException e) {
        meters.counter("switchboard.callbacks.rejected", "reason", "invalid").increment();
        log.warn("Refused a callback delivery, nothing of it is stored: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid callback delivery");
        return problem;
    }
}
