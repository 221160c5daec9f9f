package com.switchboard.engine;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine REST API as Camunda configures it, with one change: a start refused as a bad request answers 400.
 *
 * <p>{@code POST /engine-rest/process-definition/.../start} turns whatever the engine throws into a 500 "Cannot
 * instantiate process definition ...". When the engine refused the start with a {@link BadUserRequestException}
 * (a start variable that is missing or wrong, found by the flow's first, synchronous task), the client's request was
 * at fault: the answer is 400 with that exception as Camunda renders it ({@code {"type":
 * "BadUserRequestException", "message": ...}}), as every other endpoint does.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestConfiguration {

    @Bean
    CamundaJerseyResourceConfig camundaJerseyResourceConfig() {
        return new EngineRestResources();
    }

    static final class EngineRestResources extends CamundaJerseyResourceConfig {
        @Override
        protected void registerAdditionalResources() {
            // Ahead of Camunda's own mapper of RestException, which keeps every other case.
            register(new RefusedStart(), Priorities.USER - 100);
        }
    }

    /** Maps only a RestException whose cause is a BadUserRequestException; Camunda's mapper takes the rest. */
    static final class RefusedStart implements ExtendedExceptionMapper<RestException> {

        @Override
        public boolean isMappable(RestException exception) {
            return exception.getCause() instanceof BadUserRequestException;
        }

        @Override
        public Response toResponse(RestException exception) {
            return ExceptionHandlerHelper.getInstance().getResponse(exception.getCause());
        }
    }
}
