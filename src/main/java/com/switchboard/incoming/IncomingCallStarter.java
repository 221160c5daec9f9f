package com.switchboard.incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts exactly one flow per IncomingCall event: the flow is started and the event recorded in one
 * transaction, and the event id is unique, so a redelivery (even a concurrent one) starts nothing.
 */
@Component
class IncomingCallStarter {

    private static final Logger log = LoggerFactory.getLogger(IncomingCallStarter.class);

    private final IncomingCallRouter router;
    private final RuntimeService runtime;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper mapper;
    private final Clock clock;

    IncomingCallStarter(IncomingCallRouter router, RuntimeService runtime, JdbcTemplate jdbc,
                        TransactionTemplate transactions, ObjectMapper mapper, Clock clock) {
        this.router = router;
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** @return the started process instance's id, or null when the event had started a flow already */
    String start(IncomingCall call) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("correlationId", call.correlationId())) {
            return startOnce(call);
        }
    }

    private String startOnce(IncomingCall call) {
        if (alreadyStarted(call.eventId())) {
            log.info("IncomingCall event {} was delivered again; its flow is running already", call.eventId());
            return null;
        }
        IncomingCallRouter.Route route = router.route(call);
        try {
            return transactions.execute(status -> {
                ProcessInstance instance = runtime.startProcessInstanceByKey(route.flow(), call.correlationId(),
                        variables(call, route));
                jdbc.update("insert into incoming_call (event_id, server_call_id, caller, callee, flow_key, "
                                + "process_instance_id, received_at) values (?, ?, ?, ?, ?, ?, ?)",
                        call.eventId(), call.serverCallId(), call.from(), call.to(), route.flow(), instance.getId(),
                        Timestamp.from(clock.instant()));
                log.info("Incoming call from {} to {} started flow {} ({})", call.from(), call.to(), route.flow(),
                        instance.getId());
                return instance.getId();
            });
        } catch (DuplicateKeyException e) {
            log.info("IncomingCall event {} was delivered twice at once; one flow runs", call.eventId());
            return null;
        }
    }

    private boolean alreadyStarted(String eventId) {
        return jdbc.queryForObject("select count(*) from incoming_call where event_id = ?", Integer.class, eventId) > 0;
    }

    private Map<String, Object> variables(IncomingCall call, IncomingCallRouter.Route route) {
        Map<String, Object> variables = new HashMap<>(route.variables());
        variables.put("incomingCallContext", call.incomingCallContext());
        variables.put("from", call.from());
        variables.put("to", call.to());
        variables.put("callerDisplayName", call.callerDisplayName());
        variables.put("serverCallId", call.serverCallId());
        variables.put("correlationId", call.correlationId());
        variables.put("sipHeaders", json(call.sipHeaders()));
        variables.put("voipHeaders", json(call.voipHeaders()));
        return variables;
    }

    private String json(Map<String, String> headers) {
        try {
            return mapper.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
