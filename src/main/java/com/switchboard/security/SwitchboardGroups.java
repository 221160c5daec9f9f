package com.switchboard.security;

import org.camunda.bpm.engine.authorization.Groups;

/**
 * The Camunda groups (ids: letters and digits, as Camunda requires) that give Switchboard's people their rights ({@link EngineAuthorizations} grants them; the
 * README's security section lists what each may do). A user in none of them signs in and sees nothing.
 */
public final class SwitchboardGroups {

    /** Watch live calls in Cockpit: flows, variables, incidents; retry failed steps; cancel a flow. */
    public static final String OPERATORS = "operators";
    /** Deploy call flows and routing decisions (from Camunda Modeler); run them to try them. Deploying is code. */
    public static final String FLOW_AUTHORS = "flowAuthors";
    /** Systems that start call flows over the engine REST API, and staff who start them with Tasklist's start forms. */
    public static final String FLOW_STARTERS = "flowStarters";
    /** Users, groups and authorizations in Camunda Admin; everything else. Camunda's own group. */
    public static final String ADMINISTRATORS = Groups.CAMUNDA_ADMIN;

    private SwitchboardGroups() {
    }
}
