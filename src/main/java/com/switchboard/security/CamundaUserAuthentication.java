package com.switchboard.security;

import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * HTTP basic sign-in with a Camunda user (the users of Cockpit and Admin): the engine checks the password, and the
 * user's Camunda groups become authorities {@code GROUP_<id>}, which {@link HttpSecurityConfiguration}'s rules name.
 * Wrong passwords slow the client down ({@link LoginThrottle}), never the user.
 */
class CamundaUserAuthentication implements AuthenticationProvider {

    static final String GROUP_AUTHORITY_PREFIX = "GROUP_";

    private final ObjectProvider<IdentityService> identities;
    private final LoginThrottle throttle;

    CamundaUserAuthentication(ObjectProvider<IdentityService> identities, LoginThrottle throttle) {
        this.identities = identities;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object password = authentication.getCredentials();
        String client = client(authentication);
        throttle.waitFor(client).ifPresent(wait -> {
            throw new Throttled(wait);
        });
        IdentityService identity = identities.getObject();
        if (user == null || user.isBlank() || !(password instanceof String given)
                || !identity.checkPassword(user, given)) {
            throttle.failed(client);
            throw new BadCredentialsException("The user name or the password is wrong");
        }
        throttle.succeeded(client);
        List<SimpleGrantedAuthority> groups = identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).map(id -> new SimpleGrantedAuthority(GROUP_AUTHORITY_PREFIX + id)).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String client(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : "unknown";
    }

    /** Too many wrong passwords from the client: 429 with Retry-After. */
    static final class Throttled extends AuthenticationException {
        private final transient Duration wait;

        Throttled(Duration wait) {
            super("Too many wrong passwords from this address");
            this.wait = wait;
        }

        Duration waitFor() {
            return wait;
        }
    }
}
