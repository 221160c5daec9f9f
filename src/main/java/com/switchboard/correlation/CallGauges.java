package com.switchboard.correlation;

import com.switchboard.callbacks.CallbackInbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Gauges read at each scrape: live calls (owned by a running flow) and events waiting in the inbox. */
@Component
class CallGauges {

    CallGauges(MeterRegistry meters, CallOwnership ownership, CallbackInbox inbox) {
        Gauge.builder("switchboard.calls.live", ownership, CallOwnership::liveCalls)
                .description("Calls whose flow is still running").register(meters);
        Gauge.builder("switchboard.callbacks.inbox.pending", inbox, CallbackInbox::pendingCount)
                .description("Callback events waiting for their flow").register(meters);
    }
}
