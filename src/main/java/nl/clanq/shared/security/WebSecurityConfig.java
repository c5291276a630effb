package nl.clanq.shared.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Web security for the whole application: public pages, protected operations endpoints, CSRF on
 * every state-changing request (forms and htmx) and the browser security headers.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfig {

    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "base-uri 'none'");

    @Bean
    SecurityFilterChain web(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint notFound =
                (request, response, e) -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        AccessDeniedHandler hidden = (request, response, e) -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();

        http.authorizeHttpRequests(auth -> auth.requestMatchers(
                                path.matcher(HttpMethod.GET, "/actuator/health"),
                                path.matcher(HttpMethod.GET, "/actuator/health/**"))
                        .permitAll()
                        .requestMatchers(path.matcher("/actuator/**"), path.matcher("/staff/**"))
                        .hasRole("STAFF")
                        .anyRequest()
                        .permitAll())
                .csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository()))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(notFound, path.matcher("/actuator/**"))
                        .defaultAuthenticationEntryPointFor(notFound, path.matcher("/staff/**"))
                        .defaultAccessDeniedHandlerFor(hidden, path.matcher("/actuator/**"))
                        .defaultAccessDeniedHandlerFor(hidden, path.matcher("/staff/**")))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }
}
