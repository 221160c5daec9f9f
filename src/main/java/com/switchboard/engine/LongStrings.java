package com.switchboard.engine;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Lets every String variable be as long as it needs: ACS tokens (an incoming call context), the participant list of a
 * large room, custom headers. The engine's text column holds 4000 characters; longer strings go to the byte-array
 * table ({@link LongStringSerializer}) and still read back as Strings.
 */
@Component
class LongStrings extends AbstractProcessEnginePlugin {

    private final LongStringSerializer serializer = new LongStringSerializer();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreVariableSerializers() == null) {
            configuration.setCustomPreVariableSerializers(new ArrayList<>());
        }
        configuration.getCustomPreVariableSerializers().add(serializer);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // The database type is known once the engine has looked at its data source.
        serializer.measureFor(configuration.getDatabaseType());
    }
}
