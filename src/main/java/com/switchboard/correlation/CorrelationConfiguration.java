package com.switchboard.correlation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.callbacks.CallbacksProperties;
import java.time.Clock;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CorrelationConfiguration {

    @Bean
    EventCorrelator eventCorrelator(RuntimeService runtime, RepositoryService repository, CallOwnership ownership,
                                    CallbackInbox inbox, ObjectMapper mapper, CallbacksProperties properties) {
        return new EventCorrelator(runtime, ownership, inbox, new ModelledMessages(repository), mapper,
                properties.earlyEventTtl(), Clock.systemUTC());
    }
}
