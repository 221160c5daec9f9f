package com.switchboard.correlation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.engine.EngineTables;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CorrelationConfiguration {

    @Bean
    StoredEventData storedEventData(ObjectMapper mapper, CorrelationProperties properties) {
        return new StoredEventData(mapper, properties.earlyEventTtl());
    }

    @Bean
    EventCorrelator eventCorrelator(RuntimeService runtime, RepositoryService repository, CallOwnership ownership,
                                    EngineTables engineTables, StoredEventData eventData,
                                    ObjectMapper mapper, CorrelationProperties properties, Clock clock,
                                    MeterRegistry meters) {
        return new EventCorrelator(runtime, ownership, engineTables, new ModelledMessages(repository), eventData,
                mapper, properties.earlyEventTtl(), clock, meters);
    }
}
