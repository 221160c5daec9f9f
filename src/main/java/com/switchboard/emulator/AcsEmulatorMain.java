package com.switchboard.emulator;

import java.util.concurrent.CountDownLatch;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.StandardEnvironment;

/**
 * Runs the emulator standalone (docker-compose, non-Java clients) until the process is stopped. Settings come from
 * system properties ({@code -Dswitchboard.emulator.port=8443}) and environment variables
 * ({@code SWITCHBOARD_EMULATOR_PORT=8443}, {@code SWITCHBOARD_EMULATOR_BIND_ADDRESS=0.0.0.0},
 * {@code SWITCHBOARD_EMULATOR_RULES_0_IDENTITY=+1555*}, {@code SWITCHBOARD_EMULATOR_RULES_0_BEHAVIOUR=BUSY}, ...).
 * It prints its endpoint and connection string; what it logs goes through SLF4J to Logback, set up as Spring Boot sets
 * it up for the application.
 */
public final class AcsEmulatorMain {

    private AcsEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        StandardEnvironment environment = new StandardEnvironment();
        // The emulator logs through SLF4J; set up Logback as the application does (INFO, its pattern and escaping).
        LoggingSystem logging = LoggingSystem.get(AcsEmulatorMain.class.getClassLoader());
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(environment), null, null);
        EmulatorSettings settings = EmulatorSettings.bind(Binder.get(environment));
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
