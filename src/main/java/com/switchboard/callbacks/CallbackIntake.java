package com.switchboard.callbacks;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Whether this node takes callbacks. It stops first when the node shuts down: from then on the webhook
 * answers 503 with Retry-After, so ACS delivers elsewhere or later, while the web server drains the requests
 * in flight and the correlation lanes finish the events already stored.
 */
@Component
public class CallbackIntake implements SmartLifecycle {

    private volatile boolean open;

    public boolean isOpen() {
        return open;
    }

    @Override
    public void start() {
        open = true;
    }

    @Override
    public void stop() {
        open = false;
    }

    @Override
    public boolean isRunning() {
        return open;
    }

    /** Stops before the web server's graceful shutdown, so that requests arriving during it get 503. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
