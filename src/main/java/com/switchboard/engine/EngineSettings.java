package com.switchboard.engine;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;

/** The engine settings Switchboard changes before the engine is built ({@link EngineSetup#configure}). */
public final class EngineSettings {

    private final ProcessEngineConfigurationImpl configuration;

    EngineSettings(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
    }

    /** Every call of the engine's API checks the authorizations of the user making it. */
    public void checkAuthorizations() {
        configuration.setAuthorizationEnabled(true);
    }

    /** No user is locked, or made to wait, after wrong passwords (the engine locks one for good after ten). */
    public void neverLockUsers() {
        configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
        configuration.setLoginDelayBase(0);
    }

    /** Whether every password set must meet {@link #defaultPasswordPolicy()}. */
    public void enforcePasswordPolicy(boolean enforce) {
        configuration.setEnablePasswordPolicy(enforce);
    }

    /**
     * Expressions in diagrams can name these beans and no other, and {@code guard} sees every name and property first
     * (it throws to refuse one, or leaves it to the engine's own resolvers).
     */
    public void limitExpressions(ApplicationContext context, Map<Object, Object> beans, ELResolver guard) {
        configuration.setBeans(beans);
        configuration.setExpressionManager(new SpringExpressionManager(context, beans) {
            @Override
            protected ELResolver createElResolver() {
                CompositeELResolver guarded = new CompositeELResolver();
                guarded.add(guard);
                guarded.add(super.createElResolver());
                return guarded;
            }
        });
    }

    /** The rules of the engine's default password policy, the one {@link #enforcePasswordPolicy} enforces. */
    public static List<PasswordPolicyRule> defaultPasswordPolicy() {
        return new DefaultPasswordPolicyImpl().getRules();
    }
}
