package com.switchboard.engine;

import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * Who the Camunda webapps' own login (Cockpit, Tasklist, Admin) signed into a web session: read where the webapps
 * keep it, which is an internal of theirs, so it is here with the engine's other internals.
 */
public final class WebappSessions {

    private WebappSessions() {
    }

    /**
     * A user of the webapps, as the engine has her now.
     *
     * @param id            her user id
     * @param groupIds      her groups
     * @param mayUseCockpit whether Cockpit would let her in (the engine's application authorization)
     */
    public record WebappUser(String id, List<String> groupIds, boolean mayUseCockpit) {
    }

    /**
     * The user the webapps' login put into the session for this engine, looked up again in the engine (so a user
     * deleted or taken out of a group since she signed in has lost it); empty for none or an invalidated session.
     */
    public static Optional<WebappUser> userOf(HttpSession session, ProcessEngine engine) {
        String userId;
        try {
            Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
            Authentication authentication = authentications == null ? null
                    : authentications.getAuthenticationForProcessEngine(engine.getName());
            userId = authentication instanceof UserAuthentication user ? user.getIdentityId() : null;
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
        if (userId == null) {
            return Optional.empty();
        }
        UserAuthentication now = AuthenticationUtil.createAuthentication(engine, userId);
        return now == null ? Optional.empty()
                : Optional.of(new WebappUser(userId, List.copyOf(now.getGroupIds()), now.isAuthorizedForApp("cockpit")));
    }
}
