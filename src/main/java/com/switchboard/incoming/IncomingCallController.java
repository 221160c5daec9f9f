package com.switchboard.incoming;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Event Grid webhook for {@code Microsoft.Communication.IncomingCall}, in either event schema:
 * <ul>
 *   <li>Event Grid schema: answers the subscription validation handshake ({@code aeg-event-type:
 *       SubscriptionValidation}) and takes {@code Notification} deliveries, a JSON array of events;</li>
 *   <li>CloudEvents schema: answers the HTTP OPTIONS abuse-protection handshake and takes single or
 *       batched CloudEvents.</li>
 * </ul>
 * Each IncomingCall starts one flow, chosen by the routing decision; a redelivery starts nothing. Every event of a
 * delivery is checked before any flow starts, so one bad event (400) starts none. The security layer has checked the
 * subscription URL's secret before the body is read (security/HttpSecurityConfiguration).
 */
@RestController
@RequestMapping("/api/incoming-calls")
class IncomingCallController {

    private static final String CLOUD_EVENTS = "application/cloudevents+json";
    private static final String CLOUD_EVENTS_BATCH = "application/cloudevents-batch+json";

    private static final Logger log = LoggerFactory.getLogger(IncomingCallController.class);

    private final IncomingCallReader reader;
    private final IncomingCallStarter starter;

    IncomingCallController(IncomingCallReader reader, IncomingCallStarter starter) {
        this.reader = reader;
        this.starter = starter;
    }

    /** CloudEvents webhook validation: allow Event Grid to deliver here. */
    @RequestMapping(method = RequestMethod.OPTIONS)
    ResponseEntity<Void> allowOrigin(@RequestHeader(name = "WebHook-Request-Origin", required = false) String origin) {
        if (origin == null || origin.isBlank()) {
            return ResponseEntity.ok().header("Allow", "OPTIONS, POST").build();
        }
        return ResponseEntity.ok().header("WebHook-Allowed-Origin", origin).header("WebHook-Allowed-Rate", "*").build();
    }

    @PostMapping(consumes = {"application/json", CLOUD_EVENTS, CLOUD_EVENTS_BATCH})
    ResponseEntity<?> receive(@RequestBody byte[] bytes,
                              @RequestHeader(name = "aeg-event-type", required = false) String eventGridType,
                              @RequestHeader(name = "Content-Type") String contentType) {
        String body = new String(bytes, StandardCharsets.UTF_8);
        List<IncomingCall> calls;
        if (contentType.startsWith(CLOUD_EVENTS) || contentType.startsWith(CLOUD_EVENTS_BATCH)) {
            calls = reader.fromCloudEventsSchema(body);
        } else if ("SubscriptionValidation".equalsIgnoreCase(eventGridType)) {
            String code = reader.validationCode(body)
                    .orElseThrow(() -> new InvalidIncomingCallException("A SubscriptionValidation delivery needs a "
                            + "Microsoft.EventGrid.SubscriptionValidationEvent"));
            return ResponseEntity.ok(Map.of("validationResponse", code));
        } else {
            calls = reader.fromEventGridSchema(body);
        }
        calls.forEach(starter::start);
        return ResponseEntity.ok().build();
    }

    @ExceptionHandler(InvalidIncomingCallException.class)
    ProblemDetail invalid(InvalidIncomingCallException e) {
        log.warn("Refused an Event Grid delivery, no flow of it is started: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid Event Grid delivery");
        return problem;
    }
}
