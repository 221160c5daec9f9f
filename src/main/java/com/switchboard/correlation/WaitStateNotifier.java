package com.switchboard.correlation;

import com.switchboard.engine.AfterCommit;
import com.switchboard.engine.WaitStateListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells correlation when a flow starts to wait for a message, so an event that arrived before the wait
 * state existed is delivered the moment the wait state commits, not at the next sweep.
 *
 * <p>The engine calls it on every element that opens a message subscription ({@link WaitStateListener}). It only
 * registers an after-commit signal; the work happens on the correlation lanes.
 */
@Component
class WaitStateNotifier implements WaitStateListener {

    private final ApplicationEventPublisher publisher;

    WaitStateNotifier(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void waitingForMessage(String processInstanceId) {
        AfterCommit.run(() -> publisher.publishEvent(new CorrelationDue.WaitStateReached(processInstanceId)));
    }
}
