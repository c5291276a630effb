package nl.clanq.organisations.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.organisations.Organisations;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * C3: a signed-in person whose organisation is not approved yet (or no longer has a seat for them)
 * reaches only the page that explains their state, their profile and the public pages.
 */
@Component
class MembershipGate extends OncePerRequestFilter {

    private static final List<String> OPEN_PREFIXES = List.of(
            "/pending",
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
            "/password/");

    private final Organisations organisations;

    MembershipGate(Organisations organisations) {
        this.organisations = organisations;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null
                && auth.getPrincipal() instanceof ClanqPrincipal principal
                && !principal.isStaff()
                && !isOpen(request.getRequestURI()
                        .substring(request.getContextPath().length()))
                && !organisations.standing(principal.id()).mayUseMemberPages()) {
            response.sendRedirect(request.getContextPath() + "/pending");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isOpen(String path) {
        return path.equals("/") || OPEN_PREFIXES.stream().anyMatch(path::startsWith);
    }
}
