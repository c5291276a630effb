package nl.clanq.organisations;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.LoginPolicy;
import nl.clanq.accounts.SessionControl;
import nl.clanq.accounts.UserView;
import nl.clanq.organisations.Views.OrganisationView;
import nl.clanq.organisations.Views.PersonView;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The security policies an owner sets for the organisation (S3 two-step verification for all, S4
 * network allow list, S5 idle limit) and the emergency lock (S10) that only staff lift, after a
 * recorded verification of the owner.
 */
@Service
@Transactional
public class SecurityPolicies implements LoginPolicy {

    public static final int DEFAULT_IDLE_MINUTES = 60;

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final Accounts accounts;
    private final SessionControl sessions;
    private final OrganisationMail mail;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final MemberReadings readings;

    SecurityPolicies(
            JdbcClient jdbc,
            Organisations organisations,
            Accounts accounts,
            SessionControl sessions,
            OrganisationMail mail,
            ApplicationEventPublisher events,
            Clock clock,
            MemberReadings readings) {
        this.readings = readings;
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.accounts = accounts;
        this.sessions = sessions;
        this.mail = mail;
        this.events = events;
        this.clock = clock;
    }

    /** An organisation's policy; organisations that never set one have the defaults. */
    public record Policy(
            long organisationId,
            boolean requireTwoFactor,
            List<String> ipAllowList,
            int idleMinutes,
            OffsetDateTime lockedAt) {

        public boolean locked() {
            return lockedAt != null;
        }

        /** S4: whether {@code address} is inside the allow list (an empty list allows all). */
        public boolean allows(String address) {
            if (ipAllowList.isEmpty()) {
                return true;
            }
            for (String range : ipAllowList) {
                try {
                    if (new IpAddressMatcher(range).matches(address)) {
                        return true;
                    }
                } catch (IllegalArgumentException e) {
                    // A malformed stored range allows nothing.
                }
            }
            return false;
        }
    }

    @Transactional(readOnly = true)
    public Policy policy(long organisationId) {
        return jdbc.sql(
                        """
                        select organisation_id, require_two_factor, ip_allow_list, idle_minutes, locked_at
                        from organisation_security where organisation_id = ?""")
                .param(organisationId)
                .query(POLICY)
                .optional()
                .orElse(defaultPolicy(organisationId));
    }

    /** An organisation that never set a policy: no second step, any network, the default idle limit. */
    static Policy defaultPolicy(long organisationId) {
        return new Policy(organisationId, false, List.of(), DEFAULT_IDLE_MINUTES, null);
    }

    /** Maps (organisation id, require_two_factor, ip_allow_list, idle_minutes, locked_at); no settings row: the default. */
    private static final RowMapper<Policy> POLICY = (rs, n) -> rs.getObject(2) == null
            ? defaultPolicy(rs.getLong(1))
            : new Policy(
                    rs.getLong(1),
                    rs.getBoolean(2),
                    Arrays.asList((String[]) rs.getArray(3).getArray()),
                    rs.getInt(4),
                    rs.getObject(5, OffsetDateTime.class));

    /**
     * The policy of the organisation the person belongs to, if any. The session guard and the
     * membership gate both ask on every request; the database is asked once per request ({@link
     * MemberReadings}).
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Optional<Policy> policyOfUser(long userId) {
        return readings.of(userId).policy();
    }

    @Override
    @Transactional(propagation = Propagation.SUPPORTS)
    public Optional<Refusal> refusal(long userId, String clientAddress) {
        return policyOfUser(userId).flatMap(p -> refusal(p, clientAddress));
    }

    private static Optional<Refusal> refusal(Policy p, String clientAddress) {
        if (p.locked()) {
            return Optional.of(Refusal.LOCKED);
        }
        if (!p.allows(clientAddress)) {
            return Optional.of(Refusal.NETWORK);
        }
        return Optional.empty();
    }

    @Override
    @Transactional(propagation = Propagation.SUPPORTS)
    public Verdict verdict(long userId, String clientAddress) {
        Optional<Policy> policy = policyOfUser(userId);
        return new Verdict(
                policy.flatMap(p -> refusal(p, clientAddress)),
                policy.map(Policy::idleMinutes).orElse(DEFAULT_IDLE_MINUTES));
    }

    @Override
    @Transactional(propagation = Propagation.SUPPORTS)
    public int idleMinutes(long userId) {
        return policyOfUser(userId).map(Policy::idleMinutes).orElse(DEFAULT_IDLE_MINUTES);
    }

    @Override
    @Transactional(propagation = Propagation.SUPPORTS)
    public boolean requiresTwoFactor(long userId) {
        return policyOfUser(userId).map(Policy::requireTwoFactor).orElse(false);
    }

    /** What the owner submits on the security page. */
    public record Settings(boolean requireTwoFactor, List<String> ipAllowList, int idleMinutes) {}

    public void update(Owner owner, Settings s) {
        Policy before = policy(owner.organisationId());
        jdbc.sql(
                        """
                        insert into organisation_security (organisation_id, require_two_factor, ip_allow_list, idle_minutes, updated_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (organisation_id) do update set require_two_factor = excluded.require_two_factor,
                            ip_allow_list = excluded.ip_allow_list, idle_minutes = excluded.idle_minutes,
                            updated_at = excluded.updated_at""")
                .params(
                        owner.organisationId(),
                        s.requireTwoFactor(),
                        s.ipAllowList().toArray(String[]::new),
                        s.idleMinutes(),
                        now())
                .update();
        events.publishEvent(new OrganisationChanged(
                owner.userId(),
                owner.label(),
                "organisation.security.updated",
                "organisation",
                Long.toString(owner.organisationId()),
                owner.organisationId(),
                Map.of(
                        "requireTwoFactor", before.requireTwoFactor() + " → " + s.requireTwoFactor(),
                        "ipAllowList",
                                String.join(", ", before.ipAllowList()) + " → " + String.join(", ", s.ipAllowList()),
                        "idleMinutes", before.idleMinutes() + " → " + s.idleMinutes())));
    }

    /** The owner ends every session of every person of the organisation (their own included). */
    public void endAllSessions(Owner owner) {
        organisations.people(owner.organisationId()).forEach(p -> sessions.endAll(p.userId()));
        events.publishEvent(new OrganisationChanged(
                owner.userId(),
                owner.label(),
                "organisation.sessions.ended",
                "organisation",
                Long.toString(owner.organisationId()),
                owner.organisationId(),
                Map.of()));
    }

    public enum LockOutcome {
        LOCKED,
        WRONG_PASSWORD
    }

    /**
     * S10: "we are hacked". Confirmed with the owner's password, the organisation is locked in one
     * step: every session of its people ends at once, nobody of it can log in, staff are alerted.
     */
    public LockOutcome lock(Owner owner, String password) {
        if (!accounts.passwordMatches(owner.userId(), password)) {
            return LockOutcome.WRONG_PASSWORD;
        }
        jdbc.sql(
                        """
                        insert into organisation_security (organisation_id, locked_at, locked_by) values (?, ?, ?)
                        on conflict (organisation_id) do update set locked_at = excluded.locked_at,
                            locked_by = excluded.locked_by
                        where organisation_security.locked_at is null""")
                .params(owner.organisationId(), now(), owner.userId())
                .update();
        jdbc.sql("insert into organisation_lock (organisation_id, locked_at, locked_by) values (?, ?, ?)")
                .params(owner.organisationId(), now(), owner.userId())
                .update();
        List<PersonView> people = organisations.people(owner.organisationId());
        people.forEach(p -> sessions.endAllBecause(p.userId(), "locked"));
        OrganisationView o = organisations.get(owner.organisationId());
        staffAdministrators().forEach(staff -> mail.lockAlert(staff, o.name(), owner.name()));
        events.publishEvent(new OrganisationChanged(
                owner.userId(),
                owner.label(),
                "organisation.locked",
                "organisation",
                Long.toString(o.id()),
                o.id(),
                Map.of("sessionsEndedFor", Integer.toString(people.size()))));
        return LockOutcome.LOCKED;
    }

    /** S10: only staff lift a lock, after recording whom they verified and how. */
    public void lift(long organisationId, String verifiedPerson, String verification, long staffId, String staffLabel) {
        Policy p = policy(organisationId);
        if (!p.locked()) {
            throw new NotFoundException();
        }
        jdbc.sql("update organisation_security set locked_at = null, locked_by = null where organisation_id = ?")
                .param(organisationId)
                .update();
        jdbc.sql(
                        """
                        update organisation_lock set lifted_at = ?, lifted_by = ?, verified_person = ?, verification = ?
                        where organisation_id = ? and lifted_at is null""")
                .params(now(), staffId, verifiedPerson, verification, organisationId)
                .update();
        OrganisationView o = organisations.get(organisationId);
        mail.unlocked(accounts.get(o.ownerUserId()), o.name());
        events.publishEvent(new OrganisationChanged(
                staffId,
                staffLabel,
                "organisation.unlocked",
                "organisation",
                Long.toString(organisationId),
                organisationId,
                Map.of("verifiedPerson", verifiedPerson, "verification", verification)));
    }

    @Transactional(readOnly = true)
    public List<OrganisationView> lockedOrganisations() {
        return jdbc.sql(Organisations.ORGANISATION
                        + " where id in (select organisation_id from organisation_security where locked_at is not null)"
                        + " order by name")
                .query(Rows.of(OrganisationView.class))
                .list();
    }

    private List<UserView> staffAdministrators() {
        return jdbc
                .sql("select id from app_user where staff_role = 'ADMIN' and status = 'ACTIVE'")
                .query(Long.class)
                .list()
                .stream()
                .map(accounts::get)
                .toList();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
