package nl.clanq.organisations;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.clanq.organisations.Organisations.Licensing;
import nl.clanq.organisations.SecurityPolicies.Policy;
import nl.clanq.organisations.Views.Standing;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What the checks in front of every member page ask about a person, read in one statement and at
 * most once per request: their organisation's security policy (S3, S4, S5, S10, for the session
 * guard and the membership gate), their standing (C3, for the gate and the page header) and their
 * communities with the modules licensed to them (C5, for what they may read). Each is as it is
 * now: nothing is kept beyond the request.
 *
 * <p>Inside a transaction that writes, the database is asked afresh; once such a transaction
 * commits, the request's reading is dropped. So a change made in the request is seen by every
 * later question in it.
 */
@Component
class MemberReadings implements TransactionExecutionListener {

    /** Request attribute holding the readings made in this request, by person. */
    private static final String READ_IN_THIS_REQUEST = MemberReadings.class.getName();

    record Reading(Optional<Policy> policy, Standing standing, Licensing licensing) {}

    private final JdbcClient jdbc;

    MemberReadings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Reading of(long userId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null || writing()) {
            return read(userId);
        }
        @SuppressWarnings("unchecked")
        Map<Long, Reading> readings =
                (Map<Long, Reading>) request.getAttribute(READ_IN_THIS_REQUEST, RequestAttributes.SCOPE_REQUEST);
        if (readings == null) {
            readings = new HashMap<>(2);
            request.setAttribute(READ_IN_THIS_REQUEST, readings, RequestAttributes.SCOPE_REQUEST);
        }
        return readings.computeIfAbsent(userId, this::read);
    }

    private static boolean writing() {
        return TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    }

    @Override
    public void afterCommit(TransactionExecution transaction, Throwable commitFailure) {
        if (!transaction.isReadOnly()) {
            forget();
        }
    }

    private static void forget() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(READ_IN_THIS_REQUEST, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /**
     * One row whether or not the person belongs to an organisation: the seats and licences are the
     * person's own (seats in active memberships), the rest comes from their active membership of an
     * organisation, of which there is at most one.
     */
    private Reading read(long userId) {
        return jdbc.sql(
                        """
                        select om.organisation_id,
                               coalesce(o.owner_user_id = :u, false) as owner,
                               (select m.status from membership m where m.organisation_id = om.organisation_id
                                order by (m.status = 'ACTIVE') desc, m.applied_at limit 1) as pending_status,
                               s.organisation_id is not null as has_policy,
                               s.require_two_factor, s.ip_allow_list, s.idle_minutes, s.locked_at,
                               l.communities, l.modules
                        from (select coalesce(array_agg(distinct m.vendor_id), '{}') as communities,
                                     coalesce(array_agg(distinct lc.module_id)
                                              filter (where lc.module_id is not null), '{}') as modules
                              from membership_seat ms
                              join membership m on m.id = ms.membership_id and m.status = 'ACTIVE'
                              left join licence lc on lc.membership_id = m.id and lc.confirmed_at is not null
                              where ms.user_id = :u) l
                        left join organisation_member om on om.user_id = :u and om.status = 'ACTIVE'
                        left join organisation o on o.id = om.organisation_id
                        left join organisation_security s on s.organisation_id = om.organisation_id""")
                .param("u", userId)
                .query((rs, n) -> {
                    Long organisationId = rs.getObject("organisation_id", Long.class);
                    List<Long> communities = longs(rs.getArray("communities"));
                    Licensing licensing = new Licensing(communities, longs(rs.getArray("modules")));
                    if (organisationId == null) {
                        return new Reading(Optional.empty(), new Standing(null, false, false, null), licensing);
                    }
                    Policy policy = rs.getBoolean("has_policy")
                            ? new Policy(
                                    organisationId,
                                    rs.getBoolean("require_two_factor"),
                                    Arrays.asList((String[])
                                            rs.getArray("ip_allow_list").getArray()),
                                    rs.getInt("idle_minutes"),
                                    rs.getObject("locked_at", OffsetDateTime.class))
                            : SecurityPolicies.defaultPolicy(organisationId);
                    Standing standing = new Standing(
                            organisationId,
                            rs.getBoolean("owner"),
                            !communities.isEmpty(),
                            rs.getString("pending_status"));
                    return new Reading(Optional.of(policy), standing, licensing);
                })
                .single();
    }

    private static List<Long> longs(java.sql.Array array) throws java.sql.SQLException {
        return List.of((Long[]) array.getArray());
    }
}
