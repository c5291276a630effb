package nl.clanq.accounts.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.LoginAttempts;
import nl.clanq.accounts.LoginPolicy;
import nl.clanq.accounts.SessionControl;
import nl.clanq.accounts.TwoFactor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * After the password: refuse people whose organisation is locked or who come from a network their
 * organisation does not allow (S4, S10), and people staff blocked (C10); ask for the second step
 * when verification is on (S2); record what the sessions page shows, apply the organisation's idle
 * limit (S5), then back to the page that asked for the login. A failed login always answers with
 * the same message (G4).
 */
@Component
class LoginHandlers extends SavedRequestAwareAuthenticationSuccessHandler implements AuthenticationFailureHandler {

    static final int MAX_BROWSER_LENGTH = 200;

    /** Session attribute: the password step passed, the second step is due (S2). */
    static final String PENDING = LoginHandlers.class.getName() + ".pending";

    /** Who passed the password step, and how many wrong codes they typed since. */
    record Pending(long userId, int wrongCodes) implements Serializable {
        Pending failedOnce() {
            return new Pending(userId, wrongCodes + 1);
        }
    }

    private final LoginAttempts attempts;
    private final List<LoginPolicy> policies;
    private final TwoFactor twoFactor;
    private final Accounts accounts;
    private final UserDetailsService users;
    private final Clock clock;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    LoginHandlers(
            LoginAttempts attempts,
            List<LoginPolicy> policies,
            TwoFactor twoFactor,
            Accounts accounts,
            UserDetailsService users,
            Clock clock) {
        this.attempts = attempts;
        this.policies = policies;
        this.twoFactor = twoFactor;
        this.accounts = accounts;
        this.users = users;
        this.clock = clock;
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
            if (refusal.get() == LoginPolicy.Refusal.BLOCKED) {
                RefusedController.rememberBlocked(request, principal.id(), clock.instant());
            }
            response.sendRedirect(request.getContextPath() + "/login/refused/"
                    + refusal.get().name().toLowerCase());
            return;
        }
        if (twoFactor.isOn(principal.id())) {
            // Only the second step turns this into a signed-in session.
            SecurityContextHolder.clearContext();
            contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
            request.getSession().setAttribute(PENDING, new Pending(principal.id(), 0));
            response.sendRedirect(request.getContextPath() + "/login/two-factor");
            return;
        }
        started(principal, request);
        super.onAuthenticationSuccess(request, response, auth);
    }

    /** After the second step: the person is signed in, in a new session id, and sent on. */
    void completeLogin(ClanqPrincipal principal, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Authentication auth =
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        request.changeSessionId();
        contexts.saveContext(context, request, response);
        started(principal, request);
        super.onAuthenticationSuccess(request, response, auth);
    }

    ClanqPrincipal principal(long userId) {
        return (ClanqPrincipal) users.loadUserByUsername(accounts.get(userId).email());
    }

    private void started(ClanqPrincipal principal, HttpServletRequest request) {
        accounts.recordSignIn(principal.id());
        HttpSession session = request.getSession();
        String agent = request.getHeader("User-Agent");
        session.setAttribute(
                SessionControl.BROWSER,
                agent == null ? "" : agent.substring(0, Math.min(agent.length(), MAX_BROWSER_LENGTH)));
        session.setAttribute(SessionControl.ADDRESS, request.getRemoteAddr());
        // A block notice of an earlier attempt in this browser is no business of whoever signs in now.
        session.removeAttribute(RefusedController.BLOCKED_PERSON);
        policies.stream()
                .mapToInt(p -> p.idleMinutes(principal.id()))
                .filter(minutes -> minutes < LoginPolicy.NO_IDLE_LIMIT)
                .min()
                .ifPresent(minutes -> session.setMaxInactiveInterval(minutes * 60));
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
