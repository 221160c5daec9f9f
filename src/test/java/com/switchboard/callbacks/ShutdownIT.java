package com.switchboard.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.SignedCallbacks;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.emulator.AcsEmulator;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** A node that is shutting down answers callbacks with 503 and Retry-After, so ACS delivers them again. */
@DirtiesContext
@Order(SwitchboardIntegrationTest.CLOSES_ITS_CONTEXT)
@TestPropertySource(properties = "switchboard.test.context=shutdown")
class ShutdownIT extends SwitchboardIntegrationTest {

    @Autowired
    CallbackIntake intake;
    @Autowired
    TestRestTemplate http;
    @Autowired
    CallbackUrls callbackUrls;
    @Autowired
    AcsEmulator emulator;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void callbacksGet503OnceTheNodeStopsTakingThem() {
        long before = jdbc.queryForObject("select count(*) from callback_inbox", Long.class);
        intake.stop();

        String call = "closing-" + UUID.randomUUID();
        ResponseEntity<String> response = new SignedCallbacks(http, callbackUrls, emulator).post("shutdown-it", "call",
                "[{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"Microsoft.Communication.CallConnected\",\"specversion\":\"1.0\","
                        + "\"source\":\"calling/callConnections/" + call + "\",\"data\":{\"callConnectionId\":\"" + call + "\"}}]");

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(jdbc.queryForObject("select count(*) from callback_inbox", Long.class)).isEqualTo(before);
    }
}
