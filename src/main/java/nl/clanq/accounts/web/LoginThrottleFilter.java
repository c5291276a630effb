package nl.clanq.accounts.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import nl.clanq.accounts.Accounts;
import nl.clanq.shared.throttle.Throttle;
import nl.clanq.shared.throttle.TooManyRequestsException;
import nl.clanq.shared.web.ErrorView;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * S11: login attempts per IP address and per account are limited before the password is even
 * checked; over the limit the answer is the 429 page, the same for known and unknown accounts (G4).
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final Throttle throttle;

    LoginThrottleFilter(Throttle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod())
                && "/login"
                        .equals(request.getRequestURI()
                                .substring(request.getContextPath().length()))) {
            try {
                throttle.attempt(Throttle.Limit.LOGIN_PER_IP, request.getRemoteAddr());
                throttle.attempt(
                        Throttle.Limit.LOGIN_PER_ACCOUNT, Accounts.normaliseEmail(request.getParameter("email")));
            } catch (TooManyRequestsException e) {
                request.setAttribute(ErrorView.RETRY_MINUTES, e.retryAfterMinutes());
                response.setHeader(
                        "Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
                response.sendError(429);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
