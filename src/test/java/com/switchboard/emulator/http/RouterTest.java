package com.switchboard.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouterTest {

    @Test
    void decodesPercentEscapesButKeepsPlus() {
        assertThat(Router.percentDecode("4%3A%2B15551234567")).isEqualTo("4:+15551234567");
        assertThat(Router.percentDecode("4:+15551234567")).isEqualTo("4:+15551234567");
        assertThat(Router.percentDecode("8%3Aacs%3Aabc%5F1")).isEqualTo("8:acs:abc_1");
    }
}
