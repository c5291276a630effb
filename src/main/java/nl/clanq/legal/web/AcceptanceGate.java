package nl.clanq.legal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
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

    /** Session attribute: the versions in force that the person was found to have accepted. */
    static final String ACCEPTED = "clanq.legal.accepted";

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
                && !acceptedAll(request, principal)) {
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            } else {
                response.sendRedirect(request.getContextPath() + "/legal/accept");
            }
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Whether the person accepted every version in force. The session remembers which versions it
     * found accepted; while those are the versions in force, the database need not be asked again
     * (acceptances are never withdrawn). A new version in force, or a new session, asks it.
     */
    private boolean acceptedAll(HttpServletRequest request, ClanqPrincipal principal) {
        HttpSession session = request.getSession(false);
        if (session != null && acceptances.inForceNow().equals(session.getAttribute(ACCEPTED))) {
            return true;
        }
        Acceptances.Check check = acceptances.check(principal.id());
        if (!check.missing().isEmpty()) {
            return false;
        }
        if (session != null && !check.inForce().equals(session.getAttribute(ACCEPTED))) {
            session.setAttribute(ACCEPTED, check.inForce());
        }
        return true;
    }
}
