package com.switchboard.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DtmfToneTest {

    @Test
    void everyKeyHasTheApisNameAndBack() {
        String keys = "0123456789*#ABCD";
        for (char key : keys.toCharArray()) {
            DtmfTone tone = DtmfTone.ofKey(key);
            assertThat(DtmfTone.ofWireName(tone.wireName())).contains(tone);
            assertThat(tone.key()).isEqualTo(key);
        }
        assertThat(DtmfTone.ofKey('#').wireName()).isEqualTo("pound");
        assertThat(DtmfTone.ofKey('*').wireName()).isEqualTo("asterisk");
        assertThat(DtmfTone.ofKey('b')).isEqualTo(DtmfTone.B);
        assertThat(DtmfTone.ofWireName("Nine")).contains(DtmfTone.NINE);
    }

    @Test
    void whatIsNoToneIsSaid() {
        assertThatThrownBy(() -> DtmfTone.ofKey('E')).hasMessageContaining("No DTMF key: E");
        assertThat(DtmfTone.ofWireName("eleven")).isEmpty();
    }
}
