package com.switchboard.operations;

import java.util.List;

/**
 * The Cockpit user a request of the operations API comes from: her id and her Camunda groups, as the engine knows
 * them now (not as the session remembered them at sign-in).
 */
public record CockpitUser(String id, List<String> groups) {
}
