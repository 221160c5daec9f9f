package com.switchboard.security;

import com.switchboard.engine.EngineSettings;
import com.switchboard.engine.EngineSetup;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The engine's own security settings, in one place:
 * <ul>
 *   <li>authorization checks on (a user sees and does what {@link EngineAuthorizations} grants her groups);</li>
 *   <li>expressions in diagrams reach only the flows' delegates as beans (the call actions, {@code ${createCall}},
 *       ..., and {@code ${checkStartVariables}}), not the environment or any other bean, and no reflection
 *       ({@link ExpressionGuard}); deploying a diagram still is running code on the server, which is why only flow
 *       authors may;</li>
 *   <li>no per-user login lock: Camunda locks a user for good after ten wrong passwords, which anyone could do to
 *       the admin; {@link LoginThrottle} slows the guessing client instead;</li>
 *   <li>outside the emulator profile, Camunda's password policy for every password set.</li>
 * </ul>
 */
@Component
class EngineSecuritySettings implements EngineSetup {

    private final ApplicationContext context;
    private final ObjectProvider<Map<String, JavaDelegate>> delegates;
    private final Environment environment;

    EngineSecuritySettings(ApplicationContext context, ObjectProvider<Map<String, JavaDelegate>> delegates, Environment environment) {
        this.context = context;
        this.delegates = delegates;
        this.environment = environment;
    }

    @Override
    public void configure(EngineSettings settings) {
        settings.checkAuthorizations();
        settings.neverLockUsers();
        settings.enforcePasswordPolicy(!SafeSettingsCheck.isEmulatorProfile(environment));
        settings.limitExpressions(context, new DelegateBeans(delegates), new ExpressionGuard());
    }

    /** The beans an expression may name: the delegates, looked up when first used (they start after the engine). */
    private static final class DelegateBeans extends AbstractMap<Object, Object> {
        private final ObjectProvider<Map<String, JavaDelegate>> delegates;

        DelegateBeans(ObjectProvider<Map<String, JavaDelegate>> delegates) {
            this.delegates = delegates;
        }

        @Override
        public boolean containsKey(Object name) {
            return delegates.getObject().containsKey(name);
        }

        @Override
        public Object get(Object name) {
            return delegates.getObject().get(name);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Set<Entry<Object, Object>> entrySet() {
            return (Set) Map.copyOf(delegates.getObject()).entrySet();
        }
    }
}
