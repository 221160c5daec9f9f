/**
 * The embedded database's upkeep: every use of H2's internals ({@code org.h2}) is here, and nowhere else
 * (ArchitectureTest).
 *
 * <ul>
 *   <li>{@link com.switchboard.database.H2Housekeeping}: H2 keeps its file compact from a background thread that it
 *       does not start when every commit is written through ({@code WRITE_DELAY=0}, which crash safety needs), so
 *       Switchboard does that part of H2's work itself; without it the file only grows.</li>
 * </ul>
 */
package com.switchboard.database;
