package com.switchboard.incoming;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param routingDecision the DMN decision that picks the flow for an incoming call
 * @param defaultFlow     the flow started when no rule of the decision matches
 * @param timeZone        the time zone of the {@code hourOfDay} and {@code dayOfWeek} the decision sees
 */
@ConfigurationProperties("switchboard.incoming")
public record IncomingCallsProperties(String routingDecision, String defaultFlow, ZoneId timeZone) {
}
