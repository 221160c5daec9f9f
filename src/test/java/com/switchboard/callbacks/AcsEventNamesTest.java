package com.switchboard.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcsEventNamesTest {

    @Test
    void theListIsSortedWithoutDuplicatesAndHoldsNoEventGridEvent() {
        assertThat(AcsEventNames.all()).isSorted().doesNotHaveDuplicates().hasSize(38)
                .contains("CallConnected", "TranscriptionUpdated").doesNotContain("IncomingCall");
    }

    @Test
    void anEventIsItsOwnMetricLabelAnythingElseIsOther() {
        assertThat(AcsEventNames.metricLabel("CallConnected")).isEqualTo("CallConnected");
        assertThat(AcsEventNames.metricLabel("callconnected")).isEqualTo(AcsEventNames.OTHER);
        assertThat(AcsEventNames.metricLabel("Microsoft.Communication.CallConnected")).isEqualTo(AcsEventNames.OTHER);
        assertThat(AcsEventNames.isEvent("IncomingCall")).isFalse();
    }
}
