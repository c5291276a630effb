package nl.clanq.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The accounts facade: create and find people, check and change passwords, end their sessions.
 * Callers own the transaction of their use case; every method joins it.
 */
@Service
@Transactional
public class Accounts {

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final SessionControl sessions;
    private final JdbcClient jdbc;

    Accounts(
            UserRepository users,
            PasswordEncoder encoder,
            PasswordPolicy policy,
            SessionControl sessions,
            JdbcClient jdbc) {
        this.users = users;
        this.encoder = encoder;
        this.policy = policy;
        this.sessions = sessions;
        this.jdbc = jdbc;
    }

    public static String normaliseEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /** Creates an account whose email address is not confirmed yet. */
    public long create(NewAccount account) {
        String email = normaliseEmail(account.email());
        User user = new User(
                email,
                account.firstName().strip(),
                account.lastName().strip(),
                account.jobTitle(),
                account.phone(),
                account.locale());
        user.changePassword(encoder.encode(account.password()));
        return users.save(user).id();
    }

    /** Same cost as {@link #create}'s hashing, for answers that must not differ in timing (G4). */
    public void spendHashingTime(String password) {
        encoder.encode(password == null ? "" : password);
    }

    @Transactional(readOnly = true)
    public boolean exists(String email) {
        return users.existsByEmail(normaliseEmail(email));
    }

    @Transactional(readOnly = true)
    public Optional<UserView> find(long id) {
        return users.findById(id).map(User::view);
    }

    @Transactional(readOnly = true)
    public UserView get(long id) {
        return find(id).orElseThrow(NotFoundException::new);
    }

    @Transactional(readOnly = true)
    public Optional<UserView> findByEmail(String email) {
        return users.findByEmail(normaliseEmail(email)).map(User::view);
    }

    @Transactional(readOnly = true)
    public Map<Long, UserView> findAll(Collection<Long> ids) {
        return users.findAllById(ids).stream()
                .map(User::view)
                .collect(Collectors.toMap(UserView::id, Function.identity()));
    }

    /** The message key of the policy rule the password breaks, if any (S7). */
    public Optional<String> passwordViolation(String password, String email) {
        return policy.violation(password, normaliseEmail(email));
    }

    @Transactional(readOnly = true)
    public boolean passwordMatches(long userId, String password) {
        return users.findById(userId)
                .filter(u -> u.passwordHash() != null && password != null)
                .map(u -> encoder.matches(password, u.passwordHash()))
                .orElse(false);
    }

    /**
     * Sets a new password and ends every other session of the person (S7); {@code keepSessionId}
     * is the session they are using, or {@code null} to end all.
     */
    public void setPassword(long userId, String password, String keepSessionId) {
        User user = users.findById(userId).orElseThrow(NotFoundException::new);
        user.changePassword(encoder.encode(password));
        sessions.endAllExcept(userId, keepSessionId);
    }

    public void confirmEmail(long userId) {
        users.findById(userId).orElseThrow(NotFoundException::new).verifyEmail();
    }

    void changeEmail(long userId, String newEmail) {
        users.findById(userId).orElseThrow(NotFoundException::new).changeEmail(normaliseEmail(newEmail));
    }

    /** The person can no longer sign in; their sessions end at once. Their posts stay. */
    public void deactivate(long userId) {
        users.findById(userId).orElseThrow(NotFoundException::new).deactivate();
        sessions.endAll(userId);
    }

    /** Notes that the person just signed in, for the staff team page. */
    public void recordSignIn(long userId) {
        jdbc.sql("update app_user set last_signed_in_at = now() where id = ?")
                .param(userId)
                .update();
    }

    public void reactivate(long userId) {
        users.findById(userId).orElseThrow(NotFoundException::new).reactivate();
    }

    public void makeStaff(long userId, String role) {
        users.findById(userId).orElseThrow(NotFoundException::new).makeStaff(role);
    }

    public void chooseLocale(long userId, String locale) {
        users.findById(userId).orElseThrow(NotFoundException::new).chooseLocale(locale);
    }

    /** C9: whether the person gets a mail about messages they have not read. */
    public void mailAboutMessages(long userId, boolean on) {
        users.findById(userId).orElseThrow(NotFoundException::new).mailAboutMessages(on);
    }

    public void updateProfile(long userId, Profile profile) {
        users.findById(userId).orElseThrow(NotFoundException::new).updateProfile(profile);
    }

    @Transactional(readOnly = true)
    public boolean anyStaff() {
        return users.existsByStaffRoleIsNotNull();
    }

    /** Specialisms other members use, most used first: suggestions for the profile form. */
    @Transactional(readOnly = true)
    public List<String> popularSpecialisms(int limit) {
        return jdbc.sql("select min(name) from user_specialism group by lower(name) order by count(*) desc, 1 limit ?")
                .param(limit)
                .query(String.class)
                .list();
    }
}
