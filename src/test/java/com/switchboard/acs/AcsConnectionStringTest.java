package com.switchboard.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AcsConnectionStringTest {

    @Test
    void readsEndpointAndKeyInAnyCaseAndAddsTheTrailingSlash() {
        AcsConnectionString parsed = AcsConnectionString.parse("Endpoint=https://x.communication.azure.com;AccessKey=c2VjcmV0");
        assertThat(parsed.endpoint()).isEqualTo("https://x.communication.azure.com/");
        assertThat(parsed.accessKey()).isEqualTo("c2VjcmV0");
        assertThat(parsed.toString()).doesNotContain("c2VjcmV0");
    }

    @Test
    void saysWhichSettingIsMissingOrWrong() {
        assertThatThrownBy(() -> AcsConnectionString.parse("")).hasMessageContaining("switchboard.acs.connection-string");
        assertThatThrownBy(() -> AcsConnectionString.parse("endpoint=https://x/")).hasMessageContaining("accesskey");
        assertThatThrownBy(() -> AcsConnectionString.parse("endpoint=http://x/;accesskey=c2VjcmV0")).hasMessageContaining("https");
        assertThatThrownBy(() -> AcsConnectionString.parse("endpoint=https://x/;accesskey=not base64!")).hasMessageContaining("base64");
    }
}
