package com.switchboard.callbacks;

import java.util.Set;

/** Published after new callback events are committed to the inbox: these calls have work. */
public record CallbackEventsStored(Set<String> callConnectionIds) {
}
