package com.switchboard.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    @Test
    void theSameSeedMakesTheSameDecisions() {
        Faults plan = Faults.NONE.withActionFaults(0.5, 429, 500, 503).withDelay(Duration.ZERO,
            Duration.ofMillis(100)).withSeed(42L);

        assertThat(decisions(new FaultInjector(plan))).isEqualTo(decisions(new FaultInjector(plan)))
            .contains(Optional.empty(), Optional.of(429), Optional.of(500), Optional.of(503));
    }

    @Test
    void failNextActionsFailsExactlyThatManyWithTheFirstStatusThenCountsDown() {
        FaultInjector injector = new FaultInjector(Faults.NONE.withFailNextActions(2, 503));

        assertThat(injector.nextActionFault()).hasValue(503);
        assertThat(injector.faults().failNextActions()).isEqualTo(1);
        assertThat(injector.nextActionFault()).hasValue(503);
        assertThat(injector.nextActionFault()).isEmpty();
        assertThat(injector.faults().failNextActions()).isZero();
    }

    @Test
    void jitterStaysWithinItsBoundOnTopOfTheDelay() {
        FaultInjector injector = new FaultInjector(Faults.NONE
            .withDelay(Duration.ofMillis(50), Duration.ofMillis(20)).withSeed(1L));
        for (int i = 0; i < 100; i++) {
            assertThat(injector.deliveryDelay()).isBetween(Duration.ofMillis(50), Duration.ofMillis(70));
        }
    }

    @Test
    void settingAPlanResetsTheCounts() {
        FaultInjector injector = new FaultInjector(Faults.NONE);
        injector.count(FaultKind.DUPLICATE);
        assertThat(injector.counts()).containsEntry(FaultKind.DUPLICATE, 1L).hasSize(FaultKind.values().length);

        injector.set(Faults.NONE);

        assertThat(injector.counts()).containsEntry(FaultKind.DUPLICATE, 0L);
    }

    private static List<Object> decisions(FaultInjector injector) {
        List<Object> decisions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            decisions.add(injector.nextActionFault());
            decisions.add(injector.deliveryDelay());
        }
        return decisions;
    }
}
