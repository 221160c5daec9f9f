package com.switchboard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The login form of Cockpit, Tasklist and Admin, throttled per client address like HTTP basic sign-in: the
 * webapps check the password themselves, so their answer tells whether it was right.
 */
class WebappLoginThrottle extends OncePerRequestFilter {

    private final RequestMatcher login;
    private final LoginThrottle throttle;
    private final Problems problems;

    WebappLoginThrottle(RequestMatcher login, LoginThrottle throttle, Problems problems) {
        this.login = login;
        this.throttle = throttle;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !login.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = request.getRemoteAddr();
        Optional<Duration> wait = throttle.waitFor(client);
        if (wait.isPresent()) {
            problems.throttled(response, wait.get());
            return;
        }
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (status == HttpStatus.OK.value()) {
            throttle.succeeded(client);
        } else if (status == HttpStatus.UNAUTHORIZED.value() || status == HttpStatus.FORBIDDEN.value()) {
            throttle.failed(client); // the webapps answer a wrong password with 403
        }
    }
}
