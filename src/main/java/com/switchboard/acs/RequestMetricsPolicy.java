package com.switchboard.acs;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * Times every request to ACS (each attempt, SDK and REST alike) as {@code switchboard.acs.requests}, tagged
 * with the operation (method and path, ids replaced by {@code {id}}) and the HTTP status, or {@code error}
 * when no answer came.
 */
final class RequestMetricsPolicy implements HttpPipelinePolicy {

    private static final Pattern CALL_ID = Pattern.compile("(/callConnections/)[^/:?]+");
    private static final Pattern PARTICIPANT_ID = Pattern.compile("(/participants/)[^/:?]+");

    private final MeterRegistry meters;

    RequestMetricsPolicy(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        String operation = context.getHttpRequest().getHttpMethod() + " " + operation(context.getHttpRequest().getUrl().getPath());
        Timer.Sample sample = Timer.start(meters);
        return next.process()
                .doOnNext(response -> sample.stop(timer(operation, String.valueOf(response.getStatusCode()))))
                .doOnError(error -> sample.stop(timer(operation, "error")));
    }

    static String operation(String path) {
        String withoutCall = CALL_ID.matcher(path).replaceAll("$1{id}");
        return PARTICIPANT_ID.matcher(withoutCall).replaceAll("$1{id}");
    }

    private Timer timer(String operation, String status) {
        return Timer.builder("switchboard.acs.requests").description("Requests to ACS Call Automation")
                .tag("operation", operation).tag("status", status).register(meters);
    }
}
