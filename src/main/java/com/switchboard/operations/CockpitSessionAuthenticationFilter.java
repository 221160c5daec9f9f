package com.switchboard.operations;

import com.switchboard.engine.WebappSessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a request in as the Cockpit user of its web session: the one Cockpit's own login put in the session, the way
 * Cockpit's API finds her. Only a session that exists on the server counts (a made-up session cookie finds none), and
 * the user is looked up again in the engine on every request, so a user deleted, or taken out of a group or of
 * Cockpit since she signed in, loses what that gave her at once. A user Cockpit would not let in gets no
 * {@link #COCKPIT} authority. No session is created here.
 */
public final class CockpitSessionAuthenticationFilter extends OncePerRequestFilter {

    /** The authority of a user who may use Cockpit. */
    public static final String COCKPIT = "COCKPIT_USER";

    private final ObjectProvider<ProcessEngine> engines;
    private final String groupAuthorityPrefix;

    /** @param groupAuthorityPrefix what precedes a Camunda group's id in its authority ({@code GROUP_}) */
    public CockpitSessionAuthenticationFilter(ObjectProvider<ProcessEngine> engines, String groupAuthorityPrefix) {
        this.engines = engines;
        this.groupAuthorityPrefix = groupAuthorityPrefix;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            WebappSessions.userOf(session, engines.getObject()).ifPresent(this::signIn);
        }
        chain.doFilter(request, response);
    }

    private void signIn(WebappSessions.WebappUser user) {
        List<SimpleGrantedAuthority> authorities = new ArrayList<>();
        user.groupIds().forEach(group -> authorities.add(new SimpleGrantedAuthority(groupAuthorityPrefix + group)));
        if (user.mayUseCockpit()) {
            authorities.add(new SimpleGrantedAuthority(COCKPIT));
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new CockpitUser(user.id(), user.groupIds()), null, authorities));
        SecurityContextHolder.setContext(context);
    }
}
