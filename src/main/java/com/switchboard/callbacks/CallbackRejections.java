package com.switchboard.callbacks;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The one answer to a callback delivery that is not ACS's for this flow, whether the security layer refuses it
 * (no token, a bad token, a wrong URL) or the webhook does (an event about another flow's call): counted by
 * reason, one log line that quotes no credential, and a 401 problem.
 */
@Component
public class CallbackRejections {

    private static final Logger log = LoggerFactory.getLogger(CallbackRejections.class);

    private final MeterRegistry meters;

    CallbackRejections(MeterRegistry meters) {
        this.meters = meters;
    }

    public ProblemDetail refuse(InvalidCallbackTokenException e) {
        meters.counter("switchboard.callbacks.rejected", "reason", e.reason()).increment();
        log.warn("Refused a callback delivery: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setTitle("Callback not from ACS");
        return problem;
    }
}
