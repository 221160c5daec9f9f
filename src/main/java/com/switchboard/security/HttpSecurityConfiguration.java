package com.switchboard.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.callbacks.CallbackAuthenticator;
import com.switchboard.callbacks.CallbackRejections;
import com.switchboard.callbacks.CallbackSender;
import com.switchboard.callbacks.InvalidCallbackTokenException;
import com.switchboard.incoming.IncomingCallsProperties;
import com.switchboard.operations.CockpitSessionAuthenticationFilter;
import com.switchboard.webhooks.QueryParameters;
import com.switchboard.webhooks.WebhookBodyLimitFilter;
import com.switchboard.webhooks.WebhookLimits;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what, in one place. Spring Security's firewall refuses ambiguous spellings of a URL (encoded
 * slashes and dots, {@code ;} parameters, {@code //}, {@code ..}, control characters) with 400 before any rule;
 * every other spelling is matched on its decoded, normalised path, exactly as Spring MVC routes it, so a path
 * is checked the same whichever way it is written.
 *
 * <ul>
 *   <li>{@code POST /api/callbacks}: ACS's signed token and the flow's signed callback URL, checked from the
 *       headers and query before the body is read; then the body limit.</li>
 *   <li>{@code POST|OPTIONS /api/incoming-calls}: the Event Grid subscription's secret, likewise.</li>
 *   <li>{@code /engine-rest/**}, {@code GET /api/callbacks...}, {@code /actuator/**} but health: a Camunda user
 *       over HTTP basic. No {@code WWW-Authenticate: Basic} challenge is sent, so a browser never keeps the
 *       credentials for another site to use, and a request from another origin is refused (CORS, no origin
 *       allowed). The engine's own authorization checks then decide what the user sees and does.</li>
 *   <li>{@code /camunda/**}: Cockpit, Tasklist and Admin, with their own session login and CSRF protection; the
 *       login form is throttled like basic sign-in.</li>
 *   <li>{@code GET /api/operations/**}: the Cockpit plugin's API, for the Cockpit user of the browser's session.</li>
 *   <li>Anything else: a Camunda user.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class HttpSecurityConfiguration {

    private static final String OPERATOR = CamundaUserAuthentication.GROUP_AUTHORITY_PREFIX + SwitchboardGroups.OPERATORS;
    private static final String ADMINISTRATOR = CamundaUserAuthentication.GROUP_AUTHORITY_PREFIX + SwitchboardGroups.ADMINISTRATORS;
    private static final String ACS = "ACS_CALLBACK";
    private static final String EVENT_GRID = "EVENT_GRID";
    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    @Bean
    Problems securityProblems(ObjectMapper mapper) {
        return new Problems(mapper);
    }

    @Bean
    LoginThrottle loginThrottle(Clock clock) {
        return new LoginThrottle(clock);
    }

    @Bean
    CamundaUserAuthentication camundaUserAuthentication(ObjectProvider<IdentityService> identities, LoginThrottle throttle) {
        return new CamundaUserAuthentication(identities, throttle);
    }

    @Bean
    @Order(1)
    SecurityFilterChain callbackWebhook(HttpSecurity http, CallbackAuthenticator callbacks, CallbackRejections rejections,
                                        WebhookLimits limits, ObjectMapper mapper, Problems problems) throws Exception {
        webhook(http, "/api/callbacks", List.of(HttpMethod.POST), limits, mapper, problems);
        if (!callbacks.enabled()) {
            return http.authorizeHttpRequests(rules -> rules.anyRequest().permitAll()).build();
        }
        AuthenticationManager acs = authentication -> {
            try {
                CallbackSender sender = callbacks.authenticate((HttpServletRequest) authentication.getCredentials());
                return new PreAuthenticatedAuthenticationToken(sender, null, AuthorityUtils.createAuthorityList(ACS));
            } catch (InvalidCallbackTokenException refused) {
                throw new CallbackRefused(refused);
            }
        };
        AuthenticationFilter filter = fromRequest(acs, (request, response, failure) ->
                problems.write(response, rejections.refuse(((CallbackRefused) failure).refusal)));
        return http.addFilterBefore(filter, AuthorizationFilter.class)
                .authorizeHttpRequests(rules -> rules.anyRequest().hasAuthority(ACS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain incomingCallWebhook(HttpSecurity http, IncomingCallsProperties incoming, WebhookLimits limits,
                                            ObjectMapper mapper, Problems problems) throws Exception {
        webhook(http, "/api/incoming-calls", List.of(HttpMethod.POST, HttpMethod.OPTIONS), limits, mapper, problems);
        if (!incoming.secretRequired()) {
            return http.authorizeHttpRequests(rules -> rules.anyRequest().permitAll()).build();
        }
        AuthenticationManager eventGrid = authentication -> {
            Optional<String> secret = QueryParameters.single((HttpServletRequest) authentication.getCredentials(),
                    IncomingCallsProperties.SECRET_PARAMETER);
            if (secret.isEmpty() || !incoming.admits(secret.get())) {
                throw new BadCredentialsException("The secret of the subscription URL is missing or wrong");
            }
            return new PreAuthenticatedAuthenticationToken("event-grid", null, AuthorityUtils.createAuthorityList(EVENT_GRID));
        };
        AuthenticationFilter filter = fromRequest(eventGrid, (request, response, failure) -> problems.write(response,
                HttpStatus.UNAUTHORIZED, "Not an authorised Event Grid subscription", failure.getMessage()));
        return http.addFilterBefore(filter, AuthorizationFilter.class)
                .authorizeHttpRequests(rules -> rules.anyRequest().hasAuthority(EVENT_GRID))
                .build();
    }

    /** Cockpit, Tasklist and Admin: their own login (throttled here) and CSRF protection; static pages are public. */
    @Bean
    @Order(3)
    SecurityFilterChain webapps(HttpSecurity http, LoginThrottle throttle, Problems problems) throws Exception {
        RequestMatcher login = PATHS.matcher(HttpMethod.POST, "/camunda/api/admin/auth/user/*/login/*");
        return http.securityMatcher(PATHS.matcher("/camunda/**"))
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.disable())
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new WebappLoginThrottle(login, throttle, problems), AuthorizationFilter.class)
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
                .build();
    }

    /**
     * The operations API of the Cockpit plugin (package operations): the Cockpit user of the browser's session, as
     * Cockpit's own login made it, and only to read: any other method is refused, so no request another site makes
     * the browser send can change anything (no CSRF token needed), and no other origin may read it (CORS). No
     * session is ever created here; a session cookie the server never gave finds no user (401).
     */
    @Bean
    @Order(4)
    SecurityFilterChain operationsApi(HttpSecurity http, ObjectProvider<ProcessEngine> engines, Problems problems)
            throws Exception {
        return http.securityMatcher(PATHS.matcher("/api/operations/**"))
                .csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(request -> new CorsConfiguration()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new CockpitSessionAuthenticationFilter(engines,
                        CamundaUserAuthentication.GROUP_AUTHORITY_PREFIX), AuthorizationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, failure) -> problems.write(response,
                                HttpStatus.UNAUTHORIZED, "Authentication required", "Sign in to Cockpit"))
                        .accessDeniedHandler((request, response, denied) -> {
                            if (HttpMethod.GET.matches(request.getMethod())) {
                                problems.write(response, HttpStatus.FORBIDDEN, "Not allowed",
                                        "Your Camunda user may not see this in Cockpit");
                            } else {
                                response.setHeader(HttpHeaders.ALLOW, HttpMethod.GET.name());
                                problems.write(response, HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
                                        "The operations API only reads: GET");
                            }
                        }))
                .authorizeHttpRequests(rules -> rules
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/api/operations/unmatched-events"))
                        .access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasAuthority(CockpitSessionAuthenticationFilter.COCKPIT),
                                AuthorityAuthorizationManager.hasAnyAuthority(OPERATOR, ADMINISTRATOR)))
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/api/operations/**"))
                        .hasAuthority(CockpitSessionAuthenticationFilter.COCKPIT)
                        .anyRequest().denyAll())
                .build();
    }

    /** Everything else: a Camunda user over HTTP basic, from no other origin. */
    @Bean
    @Order(5)
    SecurityFilterChain camundaUsers(HttpSecurity http, CamundaUserAuthentication users, Problems problems) throws Exception {
        AuthenticationEntryPoint signIn = (request, response, failure) -> signInProblem(problems, response, failure);
        return http.csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(request -> new CorsConfiguration()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authenticationManager(new ProviderManager(users))
                .httpBasic(basic -> basic.authenticationEntryPoint(signIn))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(signIn)
                        .accessDeniedHandler((request, response, denied) -> problems.write(response, HttpStatus.FORBIDDEN,
                                "Not allowed", "Your Camunda user is in none of the groups that may do this")))
                .authorizeHttpRequests(rules -> rules
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/")).permitAll()
                        .requestMatchers(PATHS.matcher("/actuator/health"), PATHS.matcher("/actuator/health/**")).permitAll()
                        .requestMatchers(PATHS.matcher("/actuator/**")).hasAnyAuthority(OPERATOR, ADMINISTRATOR)
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/api/callbacks"),
                                PATHS.matcher(HttpMethod.GET, "/api/callbacks/**")).hasAnyAuthority(OPERATOR, ADMINISTRATOR)
                        .requestMatchers(PATHS.matcher("/engine-rest/**")).authenticated()
                        .anyRequest().authenticated())
                .build();
    }

    /**
     * Spring Security's firewall, once more in front of everything: its own chain parses the request path for the
     * path matchers before the firewall runs, and that parse fails with a 500 on a {@code ;} parameter in the
     * engine REST API's servlet path ({@code /engine-rest;x=1/...}). Here such a request is a 400, like every other
     * spelling the firewall refuses.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> firewallFirst(Problems problems) {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    firewall.getFirewalledRequest(request);
                } catch (RequestRejectedException rejected) {
                    problems.write(response, Problems.malformedRequest());
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.setName("firewall-first");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    /**
     * The engine REST API runs as the signed-in user, so that the engine's authorizations apply: Camunda's filter
     * takes the user Spring Security authenticated (the request's principal) and her groups.
     */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                ContainerBasedAuthenticationProvider.class.getName());
        registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, "/engine-rest");
        registration.addUrlPatterns("/engine-rest/*");
        return registration;
    }

    /**
     * A webhook's chain: stateless, no CSRF, the body read only once the request is allowed. It takes the path and
     * every path below it, so that a sender who got the URL wrong (a trailing slash, a path under it) hears so as a 404
     * from the webhook, not the operator API's "sign in"; nothing of such a request is read or stored.
     */
    private static void webhook(HttpSecurity http, String path, List<HttpMethod> methods, WebhookLimits limits,
                                ObjectMapper mapper, Problems problems) throws Exception {
        RequestMatcher exact = new OrRequestMatcher(methods.stream()
                .<RequestMatcher>map(method -> PATHS.matcher(method, path)).toList());
        RequestMatcher atOrBelow = new OrRequestMatcher(methods.stream()
                .<RequestMatcher>map(method -> PATHS.matcher(method, path + "/**")).toList());
        String wrongPath = "This webhook is at " + path + " exactly; nothing of this request was read or stored";
        http.securityMatcher(atOrBelow)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                // Before the chain's authentication filter, added after this one at the same place.
                .addFilterBefore(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                    FilterChain chain) throws ServletException, IOException {
                        if (exact.matches(request)) {
                            chain.doFilter(request, response);
                        } else {
                            problems.write(response, HttpStatus.NOT_FOUND, "No such webhook", wrongPath);
                        }
                    }
                }, AuthorizationFilter.class)
                // Read the body only once the request is allowed: after the authorization filter, the chain's last.
                .addFilterAfter(new WebhookBodyLimitFilter(limits, mapper), AuthorizationFilter.class);
    }

    /**
     * Authenticates a webhook delivery from its request line and headers: the manager gets the request as the
     * credentials; on success the chain goes on, on failure the handler answers.
     */
    private static AuthenticationFilter fromRequest(AuthenticationManager manager, AuthenticationFailureHandler refuse) {
        AuthenticationFilter filter = new AuthenticationFilter(manager,
                request -> new PreAuthenticatedAuthenticationToken("webhook", request));
        filter.setSuccessHandler((request, response, authentication) -> { });
        filter.setFailureHandler(refuse);
        return filter;
    }

    private static void signInProblem(Problems problems, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof CamundaUserAuthentication.Throttled throttled) {
            problems.throttled(response, throttled.waitFor());
            return;
        }
        problems.write(response, HttpStatus.UNAUTHORIZED, "Authentication required",
                "Sign in with a Camunda user (HTTP basic authentication with the user's id and password)");
    }

    /** The callback authenticator's refusal, carried to the failure handler as Spring Security expects it. */
    private static final class CallbackRefused extends AuthenticationException {
        private final transient InvalidCallbackTokenException refusal;

        CallbackRefused(InvalidCallbackTokenException refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }
    }
}
