package nl.clanq.accounts.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.LoginAttempts;
import nl.clanq.accounts.LoginPolicy;
import nl.clanq.accounts.SessionControl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * After the password: refuse people whose organisation is locked or who come from a network their
 * organisation does not allow (S4, S10), record what the sessions page shows, apply the
 * organisation's idle limit (S5), then back to the page that asked for the login. A failed login
 * always answers with the same message (G4).
 */
@Component
class LoginHandlers extends SavedRequestAwareAuthenticationSuccessHandler implements AuthenticationFailureHandler {

    static final int MAX_BROWSER_LENGTH = 200;

    private final LoginAttempts attempts;
    private final List<LoginPolicy> policies;

    LoginHandlers(LoginAttempts attempts, List<LoginPolicy> policies) {
        this.attempts = attempts;
        this.policies = policies;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication auth)
            throws ServletException, IOException {
        attempts.succeeded(request.getParameter("email"));
        ClanqPrincipal principal = (ClanqPrincipal) auth.getPrincipal();
        Optional<LoginPolicy.Refusal> refusal = policies.stream()
                .flatMap(p -> p.refusal(principal.id(), request.getRemoteAddr()).stream())
                .findFirst();
        if (refusal.isPresent()) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect(request.getContextPath() + "/login/refused/"
                    + refusal.get().name().toLowerCase());
            return;
        }
        HttpSession session = request.getSession();
        String agent = request.getHeader("User-Agent");
        session.setAttribute(
                SessionControl.BROWSER,
                agent == null ? "" : agent.substring(0, Math.min(agent.length(), MAX_BROWSER_LENGTH)));
        session.setAttribute(SessionControl.ADDRESS, request.getRemoteAddr());
        policies.stream()
                .mapToInt(p -> p.idleMinutes(principal.id()))
                .min()
                .ifPresent(minutes -> session.setMaxInactiveInterval(minutes * 60));
        super.onAuthenticationSuccess(request, response, auth);
    }

    @Override
    protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response, Authentication auth) {
        return auth.getPrincipal() instanceof ClanqPrincipal p && p.isStaff() ? "/staff" : "/start";
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        attempts.failed(request.getParameter("email"));
        response.sendRedirect(request.getContextPath() + "/login?error");
    }
}
