package nl.clanq.organisations.web;

import jakarta.servlet.http.HttpServletRequest;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.organisations.Organisations;
import nl.clanq.organisations.Views;
import nl.clanq.shared.web.CurrentUser;
import nl.clanq.shared.web.CurrentUserResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Tells the page frame who is signed in and whether they own their organisation. */
@Component
class CurrentUserProvider implements CurrentUserResolver {

    private static final String CACHE = CurrentUserProvider.class.getName();

    private final Organisations organisations;

    CurrentUserProvider(Organisations organisations) {
        this.organisations = organisations;
    }

    @Override
    public CurrentUser resolve(HttpServletRequest request) {
        if (request.getAttribute(CACHE) instanceof CurrentUser cached) {
            return cached;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof ClanqPrincipal p)) {
            return null;
        }
        boolean owner = !p.isStaff() && owns(p);
        CurrentUser user = new CurrentUser(p.displayName(), p.isStaff(), owner, p.isAdministrator());
        request.setAttribute(CACHE, user);
        return user;
    }

    /**
     * Whether the person owns their organisation: from their standing, which the request's checks
     * have read already (once per request), or asked now for someone without an active membership.
     */
    private boolean owns(ClanqPrincipal p) {
        Views.Standing standing = organisations.standing(p.id());
        return standing.organisationId() != null
                ? standing.owner()
                : organisations.ownedBy(p.id()).isPresent();
    }
}
