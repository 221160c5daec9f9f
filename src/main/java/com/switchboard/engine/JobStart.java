package com.switchboard.engine;

/**
 * The start of the engine's jobs (timers, call actions, retries), which waits after a start of the node until
 * Switchboard has caught up on its calls ({@link JobExecutorConfiguration} says why).
 */
public interface JobStart {

    /**
     * Lets the jobs run, at once if the engine has asked to start them, else as soon as it does; later calls do
     * nothing.
     *
     * @param why for the log: what the node caught up on, or why it stopped waiting
     */
    void release(String why);
}
