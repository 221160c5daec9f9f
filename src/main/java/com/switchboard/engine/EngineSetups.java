package com.switchboard.engine;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link EngineSetup}s as an engine plugin, last among the plugins (Camunda's own configuration, the
 * admin user it creates, come first).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class EngineSetups extends AbstractProcessEnginePlugin {

    private final ObjectProvider<EngineSetup> setups;

    EngineSetups(ObjectProvider<EngineSetup> setups) {
        this.setups = setups;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineSettings settings = new EngineSettings(configuration);
        ordered().forEach(setup -> setup.configure(settings));
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ordered().forEach(setup -> setup.engineBuilt(engine));
    }

    private List<EngineSetup> ordered() {
        return setups.orderedStream().toList();
    }
}
