package nl.clanq.accounts.web;

import jakarta.servlet.http.HttpServletResponse;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.LoginAttempts;
import nl.clanq.shared.security.ClanqSecurityProperties;
import nl.clanq.shared.throttle.Throttle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Web security for the whole application: public pages, member pages behind the login form, staff
 * pages and operations endpoints that hide themselves (404), CSRF on every state-changing request
 * (forms and htmx) and the browser security headers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-src 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "base-uri 'none'");

    /** Staff pages for administrators only; moderators get 404 like everyone else. */
    static final String[] ADMIN_PATHS = {
        "/staff/registrations/**",
        "/staff/registrations",
        "/staff/organisations/**",
        "/staff/organisations",
        "/staff/licence-requests/**",
        "/staff/licence-requests",
        "/staff/vendors/**",
        "/staff/vendors",
        "/staff/modules/**",
        "/staff/forums/**",
        "/staff/locks/**",
        "/staff/locks",
        "/staff/mail/**",
        "/staff/mail",
        "/staff/legal/**",
        "/staff/legal",
        "/staff/search/**",
        "/staff/search",
        "/staff/team/**",
        "/staff/team"
    };

    /** Pages only signed-in people reach; visitors are sent to the login page. */
    static final String[] MEMBER_PATHS = {
        "/start",
        "/pending",
        "/organisation/**",
        "/profile/**",
        "/account/**",
        "/communities/**",
        "/forums/**",
        "/forums",
        "/latest",
        "/topics/**",
        "/posts/**",
        "/markdown/**",
        "/flags/**",
        "/flags",
        "/search/**",
        "/search",
        "/notices/**",
        "/notices",
        "/watch/**",
        "/mentions",
        "/members/**",
        "/members",
        "/messages",
        "/messages/**",
        "/legal/**"
    };

    /** S1: in production (HTTPS) the session cookie is {@code Secure} with the {@code __Host-} prefix. */
    @Bean
    CookieSerializer cookieSerializer(ClanqSecurityProperties properties) {
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName(properties.https() ? "__Host-CLANQ_SESSION" : "CLANQ_SESSION");
        serializer.setUseSecureCookie(properties.https());
        serializer.setUseHttpOnlyCookie(true);
        serializer.setSameSite("Lax");
        serializer.setCookiePath("/");
        return serializer;
    }

    /**
     * No observation per security filter and per authorization decision: with an observation
     * registry present, Spring Security otherwise wraps each of its filters in an observation of
     * its own, about 7 % of a topic page's CPU (issue #10). Requests are still timed as a whole
     * ({@code http.server.requests}) and logins still observed.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.withDefaults()
                .shouldObserveRequests(false)
                .shouldObserveAuthorizations(false)
                .build();
    }

    @Bean
    SecurityFilterChain web(
            HttpSecurity http,
            Throttle throttle,
            LoginAttempts attempts,
            LoginHandlers handlers,
            ClanqSecurityProperties properties,
            UserDetailsService users,
            Accounts accounts)
            throws Exception {
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        if (properties.https()) {
            csrfTokens.setCookieName("__Host-XSRF-TOKEN");
            csrfTokens.setCookieCustomizer(
                    cookie -> cookie.secure(true).sameSite("Lax").path("/"));
        } else {
            csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        }
        AuthenticationEntryPoint notFound =
                (request, response, e) -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        AccessDeniedHandler hidden = (request, response, e) -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        RequestMatcher hiddenAreas = new OrRequestMatcher(path.matcher("/actuator/**"), path.matcher("/staff/**"));
        // C10: moderators work the moderation tools; account governance, the catalog, locks, mail,
        // the legal documents and the staff team are for administrators.
        RequestMatcher adminAreas = new OrRequestMatcher(
                java.util.Arrays.stream(ADMIN_PATHS).map(path::matcher).toArray(RequestMatcher[]::new));
        RequestMatcher[] memberAreas =
                java.util.Arrays.stream(MEMBER_PATHS).map(path::matcher).toArray(RequestMatcher[]::new);

        http.authorizeHttpRequests(auth -> auth.requestMatchers(
                                path.matcher(HttpMethod.GET, "/actuator/health"),
                                path.matcher(HttpMethod.GET, "/actuator/health/**"))
                        .permitAll()
                        // One-click unsubscribe from a mail (RFC 8058): the signed link is the credential.
                        .requestMatchers(path.matcher("/unsubscribe/**"))
                        .permitAll()
                        .requestMatchers(adminAreas)
                        .hasRole("ADMIN")
                        .requestMatchers(hiddenAreas)
                        .hasRole("STAFF")
                        .requestMatchers(memberAreas)
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .formLogin(form -> form.loginPage("/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .successHandler(handlers)
                        .failureHandler(handlers)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .addFilterBefore(
                        new LoginThrottleFilter(throttle, attempts), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new AccountRefresh(users, accounts), AuthorizationFilter.class)
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        // Mail clients POST "List-Unsubscribe=One-Click" without a session or token
                        // (RFC 8058); the signed link in the path is what authorises it. Only there.
                        .ignoringRequestMatchers(path.matcher(HttpMethod.POST, "/unsubscribe/*")))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(notFound, hiddenAreas)
                        // htmx calls of a visitor (e.g. after the session ended) must not swap the
                        // login page into a fragment: the whole page goes to the login instead.
                        .defaultAuthenticationEntryPointFor(
                                (request, response, ex) -> {
                                    response.setHeader("HX-Redirect", request.getContextPath() + "/login");
                                    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                                },
                                request -> "true".equals(request.getHeader("HX-Request")))
                        .defaultAccessDeniedHandlerFor(hidden, hiddenAreas)
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/login"), new OrRequestMatcher(memberAreas)))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .frameOptions(frame -> frame.sameOrigin())
                        .httpStrictTransportSecurity(hsts -> {
                            // Behind a TLS-terminating proxy the request itself may look plain.
                            if (properties.https()) {
                                hsts.requestMatcher(AnyRequestMatcher.INSTANCE).maxAgeInSeconds(31_536_000);
                            }
                        }));
        return http.build();
    }
}
