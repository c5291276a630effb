package nl.clanq.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.shared.throttle.Throttle;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * After login: back to the page that asked for it, else staff to their dashboard and members to
 * their start page. A failed login always answers with the same message (G4).
 */
@Component
class LoginHandlers extends SavedRequestAwareAuthenticationSuccessHandler implements AuthenticationFailureHandler {

    private final Throttle throttle;

    LoginHandlers(Throttle throttle) {
        this.throttle = throttle;
        setDefaultTargetUrl("/start");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication auth)
            throws jakarta.servlet.ServletException, IOException {
        throttle.reset(Throttle.Limit.LOGIN_PER_ACCOUNT, Accounts.normaliseEmail(request.getParameter("email")));
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
        response.sendRedirect(request.getContextPath() + "/login?error");
    }
}
