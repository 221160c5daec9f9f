package com.switchboard.emulator;

import java.util.concurrent.CountDownLatch;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

/**
 * Runs the emulator standalone (docker-compose, non-Java clients) until the process is stopped. Settings come from
 * system properties ({@code -Dswitchboard.emulator.port=8443}) and environment variables
 * ({@code SWITCHBOARD_EMULATOR_PORT=8443}, {@code SWITCHBOARD_EMULATOR_BIND_ADDRESS=0.0.0.0},
 * {@code SWITCHBOARD_EMULATOR_RULES_0_IDENTITY=+1555*}, {@code SWITCHBOARD_EMULATOR_RULES_0_BEHAVIOUR=BUSY}, ...).
 */
public final class AcsEmulatorMain {

    private AcsEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmulatorSettings settings = EmulatorSettings.bind(Binder.get(new StandardEnvironment()));
        AcsEmulator emulator = AcsEmulator.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "acs-emulator-shutdown"));
        System.out.println("ACS Call Automation emulator listening on " + settings.bindAddress() + ":"
            + emulator.port());
        System.out.println("Endpoint:          " + emulator.endpoint());
        System.out.println("Connection string: " + emulator.connectionString());
        System.out.println("Resource id:       " + emulator.resourceId() + " (the audience of callback tokens)");
        System.out.println("OpenID config:     " + emulator.openIdConfigurationUrl());
        System.out.println("(the certificate is also valid for the host name 'emulator', e.g. "
            + "endpoint=https://emulator:" + emulator.port() + "/;accesskey=" + settings.accessKey() + ")");
        stopped.await();
    }
}
