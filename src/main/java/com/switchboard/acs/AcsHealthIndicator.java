package com.switchboard.acs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Whether ACS can be reached (a TCP connection to its endpoint), for the readiness probe. */
@Component("acs")
class AcsHealthIndicator implements HealthIndicator {

    private static final int TIMEOUT_MILLIS = 2_000;

    private final URI endpoint;

    AcsHealthIndicator(AcsConnectionString connection) {
        this.endpoint = URI.create(connection.endpoint());
    }

    @Override
    public Health health() {
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : 443;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), port), TIMEOUT_MILLIS);
            return Health.up().withDetail("endpoint", endpoint.toString()).build();
        } catch (IOException e) {
            return Health.down().withDetail("endpoint", endpoint.toString()).withDetail("error", e.toString()).build();
        }
    }
}
