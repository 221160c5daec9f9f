package com.switchboard.operations;

import java.util.List;

/**
 * A page of events that reached no flow, newest first.
 *
 * @param next the {@code before} value of the next (older) page, null on the last page
 */
public record UnmatchedEvents(List<CallView.Event> events, Long next) {
}
