package nl.clanq.organisations.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.TwoFactor;
import nl.clanq.organisations.Organisations;
import nl.clanq.organisations.SecurityPolicies;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * C3: a signed-in person whose organisation is not approved yet (or no longer has a seat for them)
 * reaches only the page that explains their state, their own profile and account pages, the
 * application for a community, and the public pages. S3: when the organisation
 * requires two-step verification, a person without it is sent to set it up first.
 */
@Component
class MembershipGate extends OncePerRequestFilter {

    /** Reachable by every signed-in person, whatever their standing. */
    private static final List<String> ALWAYS_OPEN = List.of(
            "/logout",
            "/login",
            "/error",
            "/terms",
            "/privacy",
            "/css/",
            "/js/",
            "/webjars/",
            "/actuator/",
            "/favicon",
            "/register",
            "/invite/",
            "/password/",
            "/unsubscribe/");

    /** What a person whose organisation is not (yet) approved may also use. */
    private static final List<String> OPEN_WHILE_PENDING =
            List.of("/pending", "/profile", "/account/", "/organisation/communities");

    /** What a person who must first set up two-step verification may also use. */
    private static final List<String> OPEN_BEFORE_TWO_FACTOR = List.of("/account/two-factor", "/pending");

    private final Organisations organisations;
    private final SecurityPolicies policies;
    private final TwoFactor twoFactor;

    MembershipGate(Organisations organisations, SecurityPolicies policies, TwoFactor twoFactor) {
        this.organisations = organisations;
        this.policies = policies;
        this.twoFactor = twoFactor;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (auth != null && auth.getPrincipal() instanceof ClanqPrincipal principal && !principal.isStaff()) {
            boolean htmx = "true".equals(request.getHeader("HX-Request"));
            if (!isOpen(path, OPEN_WHILE_PENDING)
                    && !organisations.standing(principal.id()).mayUseMemberPages()) {
                // A background htmx request gets nothing to swap; the person's next click is redirected.
                if (htmx) {
                    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                } else {
                    response.sendRedirect(request.getContextPath() + "/pending");
                }
                return;
            }
            // S3: the organisation requires two-step verification; nothing else until it is set up.
            if (!isOpen(path, OPEN_BEFORE_TWO_FACTOR)
                    && policies.policyOfUser(principal.id())
                            .map(SecurityPolicies.Policy::requireTwoFactor)
                            .orElse(false)
                    && !twoFactor.isOn(principal.id())) {
                if (htmx) {
                    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                } else {
                    response.sendRedirect(request.getContextPath() + "/account/two-factor?required");
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isOpen(String path, List<String> alsoOpen) {
        return path.equals("/")
                || ALWAYS_OPEN.stream().anyMatch(path::startsWith)
                || alsoOpen.stream().anyMatch(path::startsWith);
    }
}
