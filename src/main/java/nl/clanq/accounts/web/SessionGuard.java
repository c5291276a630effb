package nl.clanq.accounts.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.LoginPolicy;
import nl.clanq.accounts.SessionControl;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On every request of a signed-in person: the absolute session limit of 12 hours (S5), the
 * organisation's lock and network allow list (S10, S4) and blocks by staff (C10) — a session that
 * no longer qualifies ends on its next click — and the organisation's idle limit, kept in step
 * when the owner changes it.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class SessionGuard extends OncePerRequestFilter {

    static final Duration ABSOLUTE_LIMIT = Duration.ofHours(12);
    static final String STARTED = "clanq.session.started";

    private final List<LoginPolicy> policies;
    private final Clock clock;

    SessionGuard(List<LoginPolicy> policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (auth == null
                || !(auth.getPrincipal() instanceof ClanqPrincipal principal)
                || path.startsWith("/login/refused/")) {
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            if (session.getAttribute(SessionControl.ENDED) instanceof String reason) {
                end(
                        request,
                        response,
                        session,
                        reason.equals("locked") ? "/login/refused/locked" : "/login?ended",
                        null);
                return;
            }
            Instant started = session.getAttribute(STARTED) instanceof Instant i ? i : null;
            if (started == null) {
                session.setAttribute(STARTED, clock.instant());
            } else if (started.plus(ABSOLUTE_LIMIT).isBefore(clock.instant())) {
                end(request, response, session, "/login?ended", null);
                return;
            }
        }
        if (!principal.isStaff()) {
            Optional<LoginPolicy.Refusal> refusal = policies.stream()
                    .flatMap(p -> p.refusal(principal.id(), request.getRemoteAddr()).stream())
                    .findFirst();
            if (refusal.isPresent()) {
                end(
                        request,
                        response,
                        session,
                        "/login/refused/" + refusal.get().name().toLowerCase(),
                        refusal.get() == LoginPolicy.Refusal.BLOCKED ? principal.id() : null);
                return;
            }
            if (session != null) {
                policies.stream()
                        .mapToInt(p -> p.idleMinutes(principal.id()))
                        .filter(minutes -> minutes < LoginPolicy.NO_IDLE_LIMIT)
                        .min()
                        .ifPresent(minutes -> {
                            if (session.getMaxInactiveInterval() != minutes * 60) {
                                session.setMaxInactiveInterval(minutes * 60);
                            }
                        });
            }
        }
        chain.doFilter(request, response);
    }

    /** Ends the session; a blocked person ({@code blockedUserId}) gets a new one for the notice (C10). */
    private void end(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpSession session,
            String to,
            Long blockedUserId)
            throws IOException {
        SecurityContextHolder.clearContext();
        if (session != null) {
            session.invalidate();
        }
        if (blockedUserId != null) {
            RefusedController.rememberBlocked(request, blockedUserId, clock.instant());
        }
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", request.getContextPath() + to);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.sendRedirect(request.getContextPath() + to);
    }
}
