package nl.clanq.accounts;

import java.io.Serial;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in person in the security context and the session. Its name is the user id, so that
 * sessions stay findable after an email change.
 */
public final class ClanqPrincipal implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long id;
    private final String email;
    private final String displayName;
    private final String staffRole;
    private final boolean enabled;
    private String passwordHash;

    public ClanqPrincipal(long id, String email, String displayName, String staffRole, boolean enabled, String hash) {
        this.id = id;
        this.email = email;
        this.displayName = displayName;
        this.staffRole = staffRole;
        this.enabled = enabled;
        this.passwordHash = hash;
    }

    public long id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public boolean isStaff() {
        return staffRole != null;
    }

    public boolean isAdministrator() {
        return "ADMIN".equals(staffRole);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (staffRole == null) {
            authorities.add(new SimpleGrantedAuthority("ROLE_MEMBER"));
        } else {
            authorities.add(new SimpleGrantedAuthority("ROLE_STAFF"));
            authorities.add(new SimpleGrantedAuthority("ROLE_" + staffRole));
        }
        return authorities;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return Long.toString(id);
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
