package nl.clanq.accounts.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import nl.clanq.accounts.LoginAttempts;
import nl.clanq.shared.throttle.Throttle;
import nl.clanq.shared.throttle.TooManyRequestsException;
import nl.clanq.shared.web.ErrorView;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * S11: login attempts per IP address (30 an hour) and failed attempts per account (a growing delay
 * after 10 in 15 minutes) are limited before the password is even checked; over the limit the
 * answer is the 429 page, the same for known and unknown accounts (G4).
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final Throttle throttle;
    private final LoginAttempts attempts;

    LoginThrottleFilter(Throttle throttle, LoginAttempts attempts) {
        this.throttle = throttle;
        this.attempts = attempts;
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
                attempts.waitFor(request.getParameter("email")).ifPresent(wait -> {
                    throw new TooManyRequestsException(wait);
                });
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
