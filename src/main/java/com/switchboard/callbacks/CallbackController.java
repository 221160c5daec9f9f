package com.switchboard.callbacks;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook ACS posts callback events to. A delivery without a valid ACS token is refused (401) and
 * nothing of it is stored. Every event is in the database before ACS hears 2xx, so a crash after the
 * answer loses nothing; correlation to the flows happens after, on the correlation lanes.
 */
@RestController
@RequestMapping("/api/callbacks")
class CallbackController {

    private static final Logger log = LoggerFactory.getLogger(CallbackController.class);

    private final CallbackIntake intake;
    private final CallbackTokenVerifier tokens;
    private final CloudEventsReader reader;
    private final CallbackInbox inbox;
    private final ApplicationEventPublisher publisher;
    private final MeterRegistry meters;

    CallbackController(CallbackIntake intake, CallbackTokenVerifier tokens, CloudEventsReader reader, CallbackInbox inbox,
                       ApplicationEventPublisher publisher, MeterRegistry meters) {
        this.intake = intake;
        this.tokens = tokens;
        this.reader = reader;
        this.inbox = inbox;
        this.publisher = publisher;
        this.meters = meters;
    }

    @PostMapping(consumes = {"application/json", "application/cloudevents-batch+json", "application/cloudevents+json"})
    ResponseEntity<?> receive(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                              @RequestBody byte[] body) {
        if (!intake.isOpen()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "This node is shutting down; deliver the callback again");
            problem.setTitle("Shutting down");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
        }
        if (tokens.enabled()) {
            tokens.verify(authorization);
        }
        List<CallbackEvent> events = reader.read(body);
        Instant now = Instant.now();
        Set<String> calls = new LinkedHashSet<>();
        for (CallbackEvent event : events) {
            MDC.put("callConnectionId", event.callConnectionId());
            if (inbox.store(event, now)) {
                calls.add(event.callConnectionId());
                meters.counter("switchboard.callbacks.received", "type", event.name()).increment();
            } else {
                meters.counter("switchboard.callbacks.duplicates").increment();
                log.info("Callback event {} ({}) for call {} was delivered again; it is stored already",
                        event.eventId(), event.type(), event.callConnectionId());
            }
        }
        MDC.remove("callConnectionId");
        if (!calls.isEmpty()) {
            publisher.publishEvent(new CallbackEventsStored(calls));
        }
        return ResponseEntity.ok().build();
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

    @ExceptionHandler(InvalidCallbackTokenException.class)
    ProblemDetail unauthenticated(InvalidCallbackTokenException e) {
        meters.counter("switchboard.callbacks.rejected", "reason", e.reason()).increment();
        log.warn("Refused a callback delivery: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setTitle("Callback not from ACS");
        return problem;
    }

    @ExceptionHandler(InvalidCallbackException.class)
    ProblemDetail invalid(InvalidCallbackException e) {
        meters.counter("switchboard.callbacks.rejected", "reason", "invalid").increment();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid callback delivery");
        return problem;
    }
}
