package nl.clanq.organisations;

import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.UserView;
import nl.clanq.organisations.Views.OrganisationView;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** G2: turns a signed-in person into an {@link Owner}, or answers 404 to anyone else. */
@Component
public class OwnerCheck {

    private final Organisations organisations;
    private final Accounts accounts;

    OwnerCheck(Organisations organisations, Accounts accounts) {
        this.organisations = organisations;
        this.accounts = accounts;
    }

    @Transactional(readOnly = true)
    public Owner require(long userId) {
        OrganisationView o = organisations.ownedBy(userId).orElseThrow(NotFoundException::new);
        UserView u = accounts.get(userId);
        if (!u.active()) {
            throw new NotFoundException();
        }
        return new Owner(u.id(), u.displayName(), u.email(), o.id(), u.preferredLocale());
    }
}
