package nl.clanq.legal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.legal.Acceptances;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * B7: from the day a new version of the terms or the privacy statement takes effect, a signed-in
 * person's next request leads to the acceptance page before anything else (signing out and reading
 * the documents stay possible).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 50)
class AcceptanceGate extends OncePerRequestFilter {

    private static final List<String> OPEN = List.of(
            "/legal/accept",
            "/logout",
            "/login",
            "/terms",
            "/privacy",
            "/error",
            "/css/",
            "/js/",
            "/webjars/",
            "/favicon",
            "/actuator/",
            "/unsubscribe/");

    private final Acceptances acceptances;

    AcceptanceGate(Acceptances acceptances) {
        this.acceptances = acceptances;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (auth != null
                && auth.getPrincipal() instanceof ClanqPrincipal principal
                && OPEN.stream().noneMatch(path::startsWith)
                && !acceptances.missing(principal.id()).isEmpty()) {
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            } else {
                response.sendRedirect(request.getContextPath() + "/legal/accept");
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
