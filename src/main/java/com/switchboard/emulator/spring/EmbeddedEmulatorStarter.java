package com.switchboard.emulator.spring;

import com.switchboard.emulator.AcsEmulator;
import com.switchboard.emulator.EmulatorSettings;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts an {@link AcsEmulator} inside a Spring Boot application when {@code switchboard.emulator.enabled=true}.
 *
 * <p>Runs last among the environment post-processors, so all (profile-specific) configuration is loaded. It then
 * adds the highest-precedence property source {@value #PROPERTY_SOURCE_NAME} with
 * {@code switchboard.acs.connection-string} pointing at the emulator, {@code switchboard.emulator.actual-port} and
 * {@code switchboard.emulator.actual-resource-id} (the audience of the callback tokens),
 * registers the emulator as the singleton bean {@value #BEAN_NAME}, and closes it when that application's context
 * closes (or its start fails). Every SpringApplication run gets its own emulator. Once logging is up, it logs the
 * emulator's endpoint and connection string, for pointing another SDK (another language's) at it: in full with the
 * development key, with a configured key named instead of written.
 */
public class EmbeddedEmulatorStarter implements EnvironmentPostProcessor, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEmulatorStarter.class);

    public static final String PROPERTY_SOURCE_NAME = "acsEmulator";
    public static final String BEAN_NAME = "acsEmulator";
    public static final String CONNECTION_STRING_PROPERTY = "switchboard.acs.connection-string";
    public static final String ACTUAL_PORT_PROPERTY = "switchboard.emulator.actual-port";
    public static final String ACTUAL_RESOURCE_ID_PROPERTY = "switchboard.emulator.actual-resource-id";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty(EmulatorSettings.PREFIX + ".enabled", Boolean.class, false)) {
            return;
        }
        EmulatorSettings settings = EmulatorSettings.bind(Binder.get(environment));
        AcsEmulator emulator = AcsEmulator.start(settings);
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(
            CONNECTION_STRING_PROPERTY, emulator.connectionString(),
            ACTUAL_PORT_PROPERTY, emulator.port(),
            ACTUAL_RESOURCE_ID_PROPERTY, emulator.resourceId())));
        EmulatorLifecycle lifecycle = new EmulatorLifecycle(emulator, application);
        application.addInitializers(context -> {
            lifecycle.ownContext.set(context);
            context.getBeanFactory().registerSingleton(BEAN_NAME, emulator);
            LOG.info("ACS Call Automation emulator listening on {}, connection string for any Call Automation SDK: {}",
                emulator.endpoint(), loggedConnectionString(emulator, settings));
        });
        application.addListeners(lifecycle);
    }

    /**
     * The connection string as a user of another SDK needs it. The development key is no secret (the README gives
     * it), so it is written out; a key someone configured is named, not written, as the log holds no other ACS key.
     */
    static String loggedConnectionString(AcsEmulator emulator, EmulatorSettings settings) {
        if (EmulatorSettings.DEFAULT_ACCESS_KEY.equals(settings.accessKey())) {
            return emulator.connectionString();
        }
        return "endpoint=" + emulator.endpoint() + ";accesskey=<the value of " + EmulatorSettings.PREFIX + ".access-key>";
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Closes the emulator with the context it belongs to, ignoring other contexts' events. */
    private static final class EmulatorLifecycle implements ApplicationListener<ApplicationEvent> {

        private final AcsEmulator emulator;
        private final SpringApplication application;
        private final AtomicReference<ApplicationContext> ownContext = new AtomicReference<>();

        EmulatorLifecycle(AcsEmulator emulator, SpringApplication application) {
            this.emulator = emulator;
            this.application = application;
        }

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == ownContext.get()
                || event instanceof ApplicationFailedEvent failed && failed.getSpringApplication() == application) {
                emulator.close();
            }
        }
    }
}
