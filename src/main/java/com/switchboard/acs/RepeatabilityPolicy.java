package com.switchboard.acs;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.DateTimeRfc1123;
import java.time.ZoneOffset;
import reactor.core.publisher.Mono;

/**
 * Gives every request of one action the same {@code Repeatability-Request-ID} and
 * {@code Repeatability-First-Sent}, however often it is sent, so ACS carries it out once. The SDK makes
 * a new id per call, which would turn a retried BPMN job into a second phone call.
 */
final class RepeatabilityPolicy implements HttpPipelinePolicy {

    static final String CONTEXT_KEY = "switchboard.repeatability";
    private static final HttpHeaderName REQUEST_ID = HttpHeaderName.fromString("Repeatability-Request-ID");
    private static final HttpHeaderName FIRST_SENT = HttpHeaderName.fromString("Repeatability-First-Sent");

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        context.getData(CONTEXT_KEY).ifPresent(value -> {
            RequestKey key = (RequestKey) value;
            context.getHttpRequest().setHeader(REQUEST_ID, key.id().toString());
            context.getHttpRequest().setHeader(FIRST_SENT,
                    new DateTimeRfc1123(key.firstSent().atOffset(ZoneOffset.UTC)).toString());
        });
        return next.process();
    }
}
