package nl.clanq.accounts;

import java.util.Locale;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads a person by email for the login form. Unconfirmed and deactivated accounts load as
 * disabled; the login page answers them exactly like a wrong password (G4).
 */
@Service
class ClanqUserDetailsService implements UserDetailsService {

    private final UserRepository users;

    ClanqUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String email) {
        User user = users.findByEmail(email == null ? "" : email.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new UsernameNotFoundException("unknown"));
        return principalOf(user);
    }

    static ClanqPrincipal principalOf(User user) {
        UserView view = user.view();
        return new ClanqPrincipal(
                view.id(),
                view.email(),
                view.displayName(),
                view.staffRole(),
                user.isActive() && user.emailVerified() && user.passwordHash() != null,
                user.passwordHash());
    }
}
