package com.switchboard.security;

import com.switchboard.engine.EngineSetup;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The configured admin password is the one in force. Camunda creates the admin user only when it does not exist,
 * so a database first started with {@code admin/admin} (the emulator profile, docker-compose before this) would
 * keep that password whatever is configured later: here, at every start, the admin user gets the configured
 * password, is unlocked and is an administrator. Outside the emulator profile Switchboard then refuses to start
 * while any user named here still signs in with {@code admin}.
 */
@Component
class AdminAccount implements EngineSetup {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);
    static final String DEFAULT_ID = "admin";

    private final Environment environment;

    AdminAccount(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void engineBuilt(ProcessEngine engine) {
        String id = environment.getRequiredProperty("camunda.bpm.admin-user.id");
        String password = environment.getRequiredProperty("camunda.bpm.admin-user.password");
        IdentityService identity = engine.getIdentityService();
        User admin = identity.createUserQuery().userId(id).singleResult();
        if (admin == null) {
            admin = identity.newUser(id);
            admin.setFirstName(id);
            admin.setLastName("Administrator");
            admin.setPassword(password);
            identity.saveUser(admin);
            log.info("Created the admin user {}", id);
        } else if (!identity.checkPassword(id, password)) {
            admin = identity.createUserQuery().userId(id).singleResult(); // the failed check updated the user
            admin.setPassword(password);
            identity.saveUser(admin);
            log.info("Set the password of the admin user {} to the configured one", id);
        }
        identity.unlockUser(id);
        if (identity.createUserQuery().userId(id).memberOfGroup(SwitchboardGroups.ADMINISTRATORS).count() == 0) {
            identity.createMembership(id, SwitchboardGroups.ADMINISTRATORS);
        }
        if (!SafeSettingsCheck.isEmulatorProfile(environment)) {
            refuseDefaultPassword(identity, id);
        }
    }

    private static void refuseDefaultPassword(IdentityService identity, String configuredId) {
        Set<String> ids = new LinkedHashSet<>(Set.of(configuredId, DEFAULT_ID));
        for (String id : ids) {
            if (identity.checkPassword(id, SafeSettingsCheck.DEFAULT_ADMIN_PASSWORD)) {
                throw new IllegalStateException("Switchboard will not start outside the emulator profile while user '"
                        + id + "' signs in with the default password: change it in Camunda Admin or delete the user");
            }
        }
    }
}
