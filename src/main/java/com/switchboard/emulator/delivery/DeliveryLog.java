package com.switchboard.emulator.delivery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The most recent callback deliveries, oldest first, bounded so a long-running emulator does not grow. */
public final class DeliveryLog {

    private final int capacity;
    private final Deque<DeliveredEvent> entries = new ArrayDeque<>();

    public DeliveryLog(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(DeliveredEvent event) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(event);
    }

    public synchronized List<DeliveredEvent> snapshot() {
        return List.copyOf(entries);
    }

    public synchronized void clear() {
        entries.clear();
    }
}
