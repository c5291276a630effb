package nl.clanq.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading the audit log (S8): staff page through all entries, an organisation's owner through the
 * entries about that organisation. Entries are written by the module itself from {@link
 * nl.clanq.shared.audit.Audited} events and can never be changed, so there is no write method here.
 */
@Service
@Transactional(readOnly = true)
public class AuditTrail {

    /** Entries per page. */
    public static final int PAGE_SIZE = 50;

    /** Dates in filters and times on pages are Dutch time. */
    public static final ZoneId TIME_ZONE = ZoneId.of("Europe/Amsterdam");

    private static final String SELECT = "select id, occurred_at, actor_user_id, actor_label, action, target_type,"
            + " target_id, organisation_id, ip, details::text as details from audit_log";

    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditTrail(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * One page of the entries that match {@code filter}, newest first.
     *
     * @param filter which entries; {@link AuditFilter#none()} for all
     * @param page the page number, from 1; values below 1 mean 1, values past the end the last page
     * @return the page, with the total number of matches
     */
    public AuditPage entries(AuditFilter filter, int page) {
        Where where = Where.of(filter);
        long total = jdbc.sql("select count(*) from audit_log" + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
        int lastPage = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int number = Math.min(Math.max(1, page), lastPage);
        List<AuditEntryView> entries = jdbc.sql(
                        SELECT + where.sql() + " order by occurred_at desc, id desc limit :limit offset :offset")
                .params(where.params())
                .param("limit", PAGE_SIZE)
                .param("offset", (long) (number - 1) * PAGE_SIZE)
                .query(this::entry)
                .list();
        return new AuditPage(entries, number, PAGE_SIZE, total);
    }

    /**
     * The owner's view: like {@link #entries}, but only entries about {@code organisationId},
     * whatever organisation the filter names.
     */
    public AuditPage forOrganisation(long organisationId, AuditFilter filter, int page) {
        return entries(filter.withOrganisation(organisationId), page);
    }

    private AuditEntryView entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntryView(
                rs.getLong("id"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("actor_user_id", Long.class),
                rs.getString("actor_label"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getObject("organisation_id", Long.class),
                rs.getString("ip"),
                json.readValue(rs.getString("details"), DETAILS));
    }

    /** The where clause of a filter, with named parameters only: filter values never become SQL. */
    private record Where(String sql, Map<String, Object> params) {

        static Where of(AuditFilter filter) {
            List<String> conditions = new ArrayList<>();
            Map<String, Object> params = new LinkedHashMap<>();
            if (filter.actionPrefix() != null) {
                conditions.add("action like :actionPrefix");
                params.put("actionPrefix", escapeLike(filter.actionPrefix()) + "%");
            }
            if (filter.organisationId() != null) {
                conditions.add("organisation_id = :organisationId");
                params.put("organisationId", filter.organisationId());
            }
            if (filter.actorUserId() != null) {
                conditions.add("actor_user_id = :actorUserId");
                params.put("actorUserId", filter.actorUserId());
            }
            if (filter.text() != null) {
                conditions.add("(actor_label ilike :text or target_type ilike :text or target_id ilike :text"
                        + " or details::text ilike :text)");
                params.put("text", "%" + escapeLike(filter.text()) + "%");
            }
            if (filter.from() != null) {
                conditions.add("occurred_at >= :from");
                params.put("from", startOf(filter.from()));
            }
            if (filter.to() != null) {
                conditions.add("occurred_at < :to");
                params.put("to", startOf(filter.to().plusDays(1)));
            }
            String sql = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
            return new Where(sql, params);
        }

        private static OffsetDateTime startOf(LocalDate day) {
            return day.atStartOfDay(TIME_ZONE).toOffsetDateTime();
        }

        /** Makes {@code %}, {@code _} and the escape character itself match literally. */
        private static String escapeLike(String value) {
            return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }
    }
}
