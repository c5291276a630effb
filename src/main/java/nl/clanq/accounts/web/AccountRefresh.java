package nl.clanq.accounts.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.SessionControl;
import nl.clanq.accounts.UserView;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The signed-in person is kept in the session as they were at login. When their sessions are marked
 * ({@link SessionControl#refreshAll}, e.g. after an administrator changed their staff role, C10),
 * this filter loads their account again before Spring Security decides what the request may reach,
 * so the new role applies from this request on, without signing in again. Runs inside the security
 * filter chain, just before authorization.
 */
final class AccountRefresh extends OncePerRequestFilter {

    private final UserDetailsService users;
    private final Accounts accounts;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    AccountRefresh(UserDetailsService users, Accounts accounts) {
        this.users = users;
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (session != null
                && session.getAttribute(SessionControl.REFRESH) != null
                && auth != null
                && auth.getPrincipal() instanceof ClanqPrincipal signedIn) {
            session.removeAttribute(SessionControl.REFRESH);
            UserDetails fresh = accounts.find(signedIn.id())
                    .filter(UserView::active)
                    .map(u -> users.loadUserByUsername(u.email()))
                    .orElse(null);
            if (fresh instanceof ClanqPrincipal principal && principal.isEnabled()) {
                principal.eraseCredentials();
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
                SecurityContextHolder.setContext(context);
                contexts.saveContext(context, request, response);
            } else {
                // The account can no longer sign in: the session goes, the request carries on as a visitor's.
                SecurityContextHolder.clearContext();
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }
}
