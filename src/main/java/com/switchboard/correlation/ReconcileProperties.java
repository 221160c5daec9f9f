package com.switchboard.correlation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When Switchboard asks ACS for a call's state instead of waiting for its events ({@link CallReconciler}).
 *
 * @param after    a flow that has waited this long on a call with no event gets its call's state asked
 * @param interval how often quiet calls, and calls of ended flows, are looked for
 * @param batch    how many calls one look handles at most, so that a crowd of quiet calls cannot flood ACS
 * @param catchUpLimit how long a start holds the engine's jobs back while it catches up on the calls at most
 */
@ConfigurationProperties("switchboard.callbacks.reconcile")
public record ReconcileProperties(Duration after, Duration interval, int batch,
                                  @DefaultValue("30s") Duration catchUpLimit) {
}
