package com.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** Readiness follows the database: when it goes away the node stops being ready (503), liveness stays up. */
@DirtiesContext
@Order(SwitchboardIntegrationTest.CLOSES_ITS_CONTEXT)
@TestPropertySource(properties = "switchboard.test.context=readiness")
class ReadinessIT extends SwitchboardIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void readinessFlipsWhenTheDatabaseGoesAway() {
        assertThat(http.getForEntity("/actuator/health/readiness", String.class).getStatusCode().value()).isEqualTo(200);

        jdbc.execute("SHUTDOWN");

        var readiness = http.getForEntity("/actuator/health/readiness", String.class);
        assertThat(readiness.getStatusCode().value()).isEqualTo(503);
        assertThat(readiness.getBody()).contains("\"status\":\"DOWN\"");
        assertThat(http.getForEntity("/actuator/health/liveness", String.class).getStatusCode().value()).isEqualTo(200);
    }
}
