package com.switchboard.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.runtime.Execution;
import org.junit.jupiter.api.Test;

/**
 * The operation-context protocol without an engine: what a branch keeps, and what it sent. Which of several waits a
 * result reaches, end to end: ParallelOperationsIT.
 */
class OperationContextsTest {

    @Test
    void aBranchKeepsTheLatestSixteenContextsSpaceSeparated() {
        assertThat(OperationContexts.keep(null, "invite/1")).isEqualTo("invite/1");
        assertThat(OperationContexts.keep("invite/1", "remove/2")).isEqualTo("invite/1 remove/2");

        String sixteen = IntStream.rangeClosed(1, 16).mapToObj(i -> "task/" + i).collect(Collectors.joining(" "));
        assertThat(OperationContexts.keep(sixteen, "task/17").split(" ")).hasSize(OperationContexts.KEPT)
                .startsWith("task/2").endsWith("task/17");
    }

    @Test
    void aBranchSentAnOperationWhenItKeptItsWholeContext() {
        assertThat(OperationContexts.sent("invite/b invite/c", "invite/c")).isTrue();
        assertThat(OperationContexts.sent("invite/b invite/c", "invite/d")).isFalse();
        assertThat(OperationContexts.sent("invite/b invite/c", "invite")).as("not a part of one").isFalse();
        assertThat(OperationContexts.sent(null, "invite/c")).as("a branch that sent nothing").isFalse();
    }

    @Test
    void aResultWithoutAnOperationContextGoesOnlyToTheOnlyWait() {
        Execution only = execution("wait-1");

        assertThat(OperationContexts.waitFor(null, List.of(only), null)).contains(only);
        assertThat(OperationContexts.waitFor(null, List.of(only, execution("wait-2")), null)).isEmpty();
    }

    /** An execution that has an id and nothing else: the protocol asks no more of it. */
    private static Execution execution(String id) {
        return (Execution) Proxy.newProxyInstance(Execution.class.getClassLoader(), new Class<?>[]{Execution.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getId", "toString" -> id;
                    case "hashCode" -> id.hashCode();
                    case "equals" -> proxy == arguments[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
