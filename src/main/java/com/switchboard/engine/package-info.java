/**
 * Where Switchboard reaches into the engine: every use of Camunda's internals ({@code org.camunda.bpm.engine.impl})
 * and every SQL statement against its tables is here, and nowhere else (ArchitectureTest). The rest of Switchboard
 * uses the engine's public API and what this package offers in Switchboard's own terms. Camunda's own examples extend
 * the engine like this, but it is what a 7.x patch release or a move to the Operaton fork can break: look here first.
 *
 * <ul>
 *   <li>{@link com.switchboard.engine.ParseHooks}: an engine plugin that puts Switchboard's hooks into the BPMN
 *       parser, the engine's only way to see a diagram as it is deployed and to put listeners on all its elements:
 *       {@link com.switchboard.engine.ServiceTaskCheck}s refuse a call action task that could not work
 *       ({@link com.switchboard.engine.BpmnElement} is the parsed element they look at);
 *       {@link com.switchboard.engine.MessageWaitCheck}s refuse an element that waits for a message no event will be
 *       ({@link com.switchboard.engine.MessageWait}: its kind, name, id and the message's name, which the engine
 *       resolved from its {@code messageRef} and keeps in a subscription declaration);
 *       {@link com.switchboard.engine.WaitStateListener}s learn that a flow starts to wait for a message, so that an
 *       early event is delivered at once; {@link com.switchboard.engine.FlowEndListener}s learn that a flow ended,
 *       even through a deletion that skips custom listeners, so that its calls are hung up.</li>
 *   <li>{@link com.switchboard.engine.WebappSessions}: who the webapps' own login signed into a web session (the
 *       webapps keep it in an internal class), for the Cockpit plugin's API.</li>
 *   <li>{@link com.switchboard.engine.JobExecutorConfiguration}: the job executor, held back after a start until the
 *       node has caught up on its calls ({@link com.switchboard.engine.JobStart}).
 *       {@link com.switchboard.engine.JobHandOver}: a step's job made outside the job executor runs as soon as its
 *       transaction commits, locked for this node in that transaction, without the acquisition's query and commit
 *       (the engine's job manager, replaced through its session factories).</li>
 *   <li>{@link com.switchboard.engine.AfterCommit}: runs something once the engine's current transaction has
 *       committed (the engine's command context keeps it; Spring's synchronisation does not see it).</li>
 *   <li>{@link com.switchboard.engine.CurrentJob}: the job being run, whose id and creation time stay the same on
 *       every retry; a call action derives its ACS request key from them, so a retried step is one request to ACS.</li>
 *   <li>{@link com.switchboard.engine.FlowBranch}: the execution that goes on to wait after an activity, where an
 *       action leaves what its result event must find (the public API has no notion of it).</li>
 *   <li>{@link com.switchboard.engine.EngineTables}: Switchboard's SQL against {@code ACT_*}: whether a flow runs, its
 *       definition and its current variables with one indexed lookup (the engine's queries cost more than the
 *       correlation they served), and
 *       conditions that join Switchboard's tables with the running flows and their message waits.</li>
 *   <li>{@link com.switchboard.engine.EngineSetup}, {@link com.switchboard.engine.EngineSettings},
 *       {@link com.switchboard.engine.EngineSetups}: the settings the security package puts on the engine before it is
 *       built (authorizations, no login lock, the password policy, what expressions may reach) and the work it does
 *       once the engine is built (the admin account, the groups and their grants). Engine plugins and the engine's
 *       configuration class are internals.</li>
 *   <li>{@link com.switchboard.engine.LongStrings}, {@link com.switchboard.engine.LongStringSerializer}: Strings of
 *       any length, through the engine's serializer SPI.</li>
 *   <li>{@link com.switchboard.engine.EngineRestConfiguration}: 400 for a refused start in the engine's REST API.</li>
 * </ul>
 */
package com.switchboard.engine;
