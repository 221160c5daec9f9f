/**
 * What operators look at: a call flow's call (state, participants, media, recording, its callback events and what
 * became of each) and the events that reached no flow, as JSON for the Cockpit plugin that Switchboard serves
 * ({@code META-INF/resources/webjars/camunda/app/cockpit/scripts/switchboard-operations.js}). Reads only: the engine,
 * through its authorized queries as the signed-in Cockpit user, and the callback inbox.
 */
package com.switchboard.operations;
