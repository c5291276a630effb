package nl.clanq.accounts;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.clanq.shared.throttle.Throttle;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * C10: administrators manage the staff team. They add a person as moderator or administrator (the
 * account is created without a usable password and a one-time link to set one is mailed), change a
 * role and remove someone (the account is deactivated and its sessions end). An address that
 * already belongs to any account is refused: members never become staff, and staff never members.
 *
 * <p>The platform never loses its last active administrator (one who can sign in: not removed, a
 * password set): demoting or removing them is refused, and nobody demotes or removes themselves.
 * The administrators are locked while this is checked, so two administrators who demote each other
 * at the same moment cannot both succeed. A changed role applies from the person's next request
 * ({@link SessionControl#refreshAll}). Every act is audited (S8, {@link StaffTeamChanged}); refused
 * input throws {@link InvalidTeamChange} and writes nothing; additions are rate-limited per
 * administrator (S11). Anyone but an active administrator, and
 * a person who is not on the team, is answered 404.
 */
@Service
@Transactional
public class StaffTeam {

    /** How long the mailed link to set a password works. */
    public static final Duration INVITATION_VALIDITY = Duration.ofHours(72);

    public static final int NAME_MAX = 100;

    static final Set<String> LANGUAGES = Set.of("nl", "en");
    private static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    private final UserRepository users;
    private final Accounts accounts;
    private final PasswordResets resets;
    private final AccountMail mail;
    private final SessionControl sessions;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Throttle throttle;

    StaffTeam(
            UserRepository users,
            Accounts accounts,
            PasswordResets resets,
            AccountMail mail,
            SessionControl sessions,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Throttle throttle) {
        this.users = users;
        this.accounts = accounts;
        this.resets = resets;
        this.mail = mail;
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.events = events;
        this.throttle = throttle;
    }

    /** The administrator who acts; whether they still are one is checked against the database. */
    public record Actor(long userId) {

        /** The signed-in administrator; anyone else is answered 404. */
        public static Actor of(ClanqPrincipal principal) {
            if (principal == null || !principal.isAdministrator()) {
                throw new NotFoundException();
            }
            return new Actor(principal.id());
        }
    }

    /**
     * One person on the team, as the team page shows them.
     *
     * @param invited added to the team and no password set yet, so never signed in
     * @param lastSignedInAt the last sign-in, or {@code null} when none is known
     */
    public record Member(
            long id,
            String firstName,
            String lastName,
            String email,
            StaffRole role,
            boolean invited,
            boolean twoFactor,
            Instant lastSignedInAt) {

        public String name() {
            return firstName + " " + lastName;
        }
    }

    /** A person to add to the team, as the administrator typed them; {@code language} is nl or en. */
    public record Newcomer(String firstName, String lastName, String email, StaffRole role, String language) {}

    /** Every active staff account: administrators first, then by name. */
    @Transactional(readOnly = true)
    public List<Member> members() {
        return jdbc.sql(
                        """
                        select u.id, u.first_name, u.last_name, u.email, u.staff_role, u.password_hash is null as invited,
                               exists (select 1 from user_two_factor t
                                       where t.user_id = u.id and t.confirmed_at is not null) as two_factor,
                               u.last_signed_in_at
                        from app_user u
                        where u.staff_role is not null and u.status = 'ACTIVE'
                        order by u.staff_role, lower(u.last_name), lower(u.first_name), u.id""")
                .query((rs, n) -> {
                    Timestamp last = rs.getTimestamp("last_signed_in_at");
                    return new Member(
                            rs.getLong("id"),
                            rs.getString("first_name"),
                            rs.getString("last_name"),
                            rs.getString("email"),
                            StaffRole.of(rs.getString("staff_role")),
                            rs.getBoolean("invited"),
                            rs.getBoolean("two_factor"),
                            last == null ? null : last.toInstant());
                })
                .list();
    }

    /**
     * Adds a person to the team and mails them a link to set their password, valid {@link
     * #INVITATION_VALIDITY}, in their language.
     *
     * @return the new account's id
     */
    public long add(Actor actor, Newcomer newcomer) {
        UserView by = administrator(actor, activeAdministrators(false));
        Map<String, String> problems = new LinkedHashMap<>();
        String firstName = checkName(newcomer.firstName(), "firstName", problems);
        String lastName = checkName(newcomer.lastName(), "lastName", problems);
        String email = Accounts.normaliseEmail(newcomer.email());
        if (!email.matches(EMAIL)) {
            problems.put("email", "form.email.invalid");
        } else {
            users.findByEmail(email)
                    .ifPresent(existing -> problems.put(
                            "email",
                            existing.staffRole() == null
                                    ? "team.email.member"
                                    : existing.isActive() ? "team.email.staff" : "team.email.formerStaff"));
        }
        if (newcomer.role() == null) {
            problems.put("role", "team.role.required");
        }
        if (newcomer.language() == null || !LANGUAGES.contains(newcomer.language())) {
            problems.put("language", "team.language.required");
        }
        if (!problems.isEmpty()) {
            throw new InvalidTeamChange(problems);
        }
        // S11: every addition mails a link; refused additions do not count.
        throttle.attempt(Throttle.Limit.INVITE_PER_ACCOUNT, "staff-team:" + by.id());
        User user = new User(email, firstName, lastName, "", "", newcomer.language());
        user.makeStaff(newcomer.role().name());
        long id = users.save(user).id();
        String token = resets.newToken(id, INVITATION_VALIDITY);
        mail.staffInvitation(
                email,
                newcomer.language(),
                by.displayName(),
                newcomer.role(),
                INVITATION_VALIDITY,
                "/password/reset/" + token);
        events.publishEvent(new StaffTeamChanged(
                by.id(),
                by.auditLabel(),
                "staff.member.added",
                id,
                Map.of(
                        "member",
                        user.view().auditLabel(),
                        "role",
                        newcomer.role().name())));
        return id;
    }

    /**
     * Gives the team member another role; it applies from their next request, without signing in
     * again.
     *
     * @return whether anything changed (false when they have that role already)
     */
    public boolean changeRole(Actor actor, long userId, StaffRole role) {
        if (role == null) {
            throw new InvalidTeamChange("role", "team.role.required");
        }
        List<Long> administrators = activeAdministrators(true);
        UserView by = administrator(actor, administrators);
        UserView member = teamMember(userId);
        StaffRole from = StaffRole.of(member.staffRole());
        if (from == role) {
            return false;
        }
        if (from == StaffRole.ADMIN) {
            refuseLosingAnAdministrator(actor, userId, administrators);
        }
        accounts.makeStaff(userId, role.name());
        sessions.refreshAll(userId);
        events.publishEvent(new StaffTeamChanged(
                by.id(),
                by.auditLabel(),
                "staff.role.changed",
                userId,
                Map.of("member", member.auditLabel(), "from", from.name(), "to", role.name())));
        return true;
    }

    /**
     * Removes the person from the team: their account is deactivated (their posts and messages stay)
     * and every session of theirs ends at once; an unused link to set a password stops working.
     */
    public void remove(Actor actor, long userId) {
        List<Long> administrators = activeAdministrators(true);
        UserView by = administrator(actor, administrators);
        UserView member = teamMember(userId);
        StaffRole role = StaffRole.of(member.staffRole());
        if (role == StaffRole.ADMIN) {
            refuseLosingAnAdministrator(actor, userId, administrators);
        }
        accounts.deactivate(userId);
        events.publishEvent(new StaffTeamChanged(
                by.id(),
                by.auditLabel(),
                "staff.member.removed",
                userId,
                Map.of("member", member.auditLabel(), "role", role.name())));
    }

    /** The ids of the administrators who can sign in; with {@code lock}, held until the end of the transaction. */
    private List<Long> activeAdministrators(boolean lock) {
        return jdbc.sql(
                        """
                        select id from app_user
                        where staff_role = 'ADMIN' and status = 'ACTIVE' and password_hash is not null
                        order by id"""
                                + (lock ? " for update" : ""))
                .query(Long.class)
                .list();
    }

    private UserView administrator(Actor actor, List<Long> administrators) {
        if (actor == null || !administrators.contains(actor.userId())) {
            throw new NotFoundException();
        }
        return accounts.get(actor.userId());
    }

    private UserView teamMember(long userId) {
        return accounts.find(userId).filter(u -> u.staff() && u.active()).orElseThrow(NotFoundException::new);
    }

    private static void refuseLosingAnAdministrator(Actor actor, long userId, List<Long> administrators) {
        if (administrators.stream().noneMatch(id -> id != userId)) {
            throw new InvalidTeamChange("member", "team.lastAdministrator");
        }
        if (actor.userId() == userId) {
            throw new InvalidTeamChange("member", "team.self");
        }
    }

    private static String checkName(String name, String input, Map<String, String> problems) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            problems.put(input, "team." + input + ".required");
        } else if (stripped.length() > NAME_MAX) {
            problems.put(input, "team.name.tooLong");
        }
        return stripped;
    }
}
