package com.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the Call tab names participants and what became of an event. */
class CallViewsTest {

    @Test
    void aParticipantIsAPhoneAnAcsUserOrATeamsOne() {
        assertThat(CallViews.kind("4:+14255550123")).isEqualTo("phone");
        assertThat(CallViews.kind("8:acs:customer-1")).isEqualTo("ACS user");
        assertThat(CallViews.kind("8:acs:5c6a1e2d-8b4f-4f37-9a0e-3d7b2c91f4a8_16c7b400-2eb6")).isEqualTo("ACS user");
        assertThat(CallViews.kind("8:orgid:f1b2")).isEqualTo("Teams user");
        assertThat(CallViews.kind("28:orgid:bot")).isEqualTo("Teams app");
        assertThat(CallViews.kind("something")).isEqualTo("other");
    }

    @Test
    void everyInboxStatusIsSaidInWords() {
        for (com.switchboard.callbacks.InboxStatus status : com.switchboard.callbacks.InboxStatus.values()) {
            assertThat(CallViews.outcome(status.name())).as(status.name()).isNotEqualTo(status.name());
        }
        assertThat(CallViews.outcome("PENDING")).isEqualTo("waiting for the flow");
        assertThat(CallViews.outcome("UNMATCHED")).isEqualTo("reached no flow");
    }
}
