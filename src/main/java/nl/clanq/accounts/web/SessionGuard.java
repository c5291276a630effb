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
        if (auth == null || !(auth.getPrincipal() instanceof ClanqPrincipal principal)) {
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession(false);
        Ending ending = ending(principal, session, request);
        if (ending == null) {
            chain.doFilter(request, response);
            return;
        }
        end(request, session, ending);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/login/refused/")) {
            // The notice itself is shown to a visitor: rendered signed in, its header's badges would
            // ask again with the ended session and could send the page on to the login.
            chain.doFilter(request, response);
            return;
        }
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", request.getContextPath() + ending.to());
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.sendRedirect(request.getContextPath() + ending.to());
    }

    /** Why the session must end now and where the person reads why; null while it may go on. */
    private Ending ending(ClanqPrincipal principal, HttpSession session, HttpServletRequest request) {
        if (session != null) {
            if (session.getAttribute(SessionControl.ENDED) instanceof String reason) {
                return new Ending(reason.equals("locked") ? "/login/refused/locked" : "/login?ended", null);
            }
            Instant started = session.getAttribute(STARTED) instanceof Instant i ? i : null;
            if (started == null) {
                session.setAttribute(STARTED, clock.instant());
            } else if (started.plus(ABSOLUTE_LIMIT).isBefore(clock.instant())) {
                return new Ending("/login?ended", null);
            }
        }
        if (principal.isStaff()) {
            return null;
        }
        List<LoginPolicy.Verdict> verdicts = policies.stream()
                .map(p -> p.verdict(principal.id(), request.getRemoteAddr()))
                .toList();
        Optional<LoginPolicy.Refusal> refusal =
                verdicts.stream().flatMap(v -> v.refusal().stream()).findFirst();
        if (refusal.isPresent()) {
            return new Ending(
                    "/login/refused/" + refusal.get().name().toLowerCase(),
                    refusal.get() == LoginPolicy.Refusal.BLOCKED ? principal.id() : null);
        }
        if (session != null) {
            verdicts.stream()
                    .mapToInt(LoginPolicy.Verdict::idleMinutes)
                    .filter(minutes -> minutes < LoginPolicy.NO_IDLE_LIMIT)
                    .min()
                    .ifPresent(minutes -> {
                        if (session.getMaxInactiveInterval() != minutes * 60) {
                            session.setMaxInactiveInterval(minutes * 60);
                        }
                    });
        }
        return null;
    }

    /** Where the person is sent; a blocked person ({@code blockedUserId}) gets a new session for the notice (C10). */
    private record Ending(String to, Long blockedUserId) {}

    private void end(HttpServletRequest request, HttpSession session, Ending ending) {
        SecurityContextHolder.clearContext();
        if (session != null) {
            session.invalidate();
        }
        if (ending.blockedUserId() != null) {
            RefusedController.rememberBlocked(request, ending.blockedUserId(), clock.instant());
        }
    }
}
