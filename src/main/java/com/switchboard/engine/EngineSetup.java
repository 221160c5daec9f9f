package com.switchboard.engine;

import org.camunda.bpm.engine.ProcessEngine;

/**
 * Something Switchboard does to the engine as it is built: settings before, first work once it is built. Beans of
 * this type are run by {@link EngineSetups} in their {@code @Order}, after Camunda's own configuration.
 */
public interface EngineSetup {

    /** Before the engine is built: the settings it is built with. */
    default void configure(EngineSettings settings) {
    }

    /** Once the engine is built, before it deploys the diagrams or runs a job. */
    default void engineBuilt(ProcessEngine engine) {
    }
}
