package nl.clanq.directory;

import java.util.List;
import java.util.Locale;
import nl.clanq.organisations.Organisations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * C8: the members of the viewer's vendor communities (staff: everyone), searchable by name,
 * organisation, city, job title and specialism, filterable by vendor and by access to a module
 * (the filter the locked-forum page links to, C6). One counting and one listing query per page.
 */
@Service
@Transactional(readOnly = true)
public class Directory {

    public static final int PAGE_SIZE = 25;

    private final JdbcClient jdbc;
    private final Organisations organisations;

    Directory(JdbcClient jdbc, Organisations organisations) {
        this.jdbc = jdbc;
        this.organisations = organisations;
    }

    public record Query(String text, Long vendorId, Long moduleId, String sort, int page) {}

    public record Entry(
            long userId, String name, String organisation, String city, String jobTitle, List<String> specialisms) {}

    public record Result(List<Entry> entries, long total, int page, int pages) {}

    public Result search(long viewerId, boolean staff, Query q) {
        List<Long> communities = staff ? List.of() : organisations.communities(viewerId);
        if (!staff && communities.isEmpty()) {
            return new Result(List.of(), 0, 1, 1);
        }
        String from =
                """
                from app_user u
                join organisation_member om on om.user_id = u.id and om.status = 'ACTIVE'
                join organisation o on o.id = om.organisation_id
                where u.status = 'ACTIVE' and u.staff_role is null
                  and exists (select 1 from membership_seat s join membership m on m.id = s.membership_id
                              where s.user_id = u.id and m.status = 'ACTIVE'
                                and (:staff or m.vendor_id = any(:communities))
                                and (cast(:vendor as bigint) is null or m.vendor_id = :vendor)
                                and (cast(:module as bigint) is null or exists (
                                        select 1 from licence l where l.membership_id = m.id
                                        and l.module_id = :module and l.confirmed_at is not null)))
                  and (:text = '' or lower(u.first_name || ' ' || u.last_name) like :like
                       or lower(o.name) like :like or lower(u.city) like :like or lower(u.job_title) like :like
                       or exists (select 1 from user_specialism us where us.user_id = u.id
                                  and lower(us.name) like :like))""";
        String text = q.text() == null ? "" : q.text().strip().toLowerCase(Locale.ROOT);
        String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        Long[] communityIds = communities.toArray(Long[]::new);
        long total = jdbc.sql("select count(*) " + from)
                .param("staff", staff)
                .param("communities", communityIds)
                .param("vendor", q.vendorId())
                .param("module", q.moduleId())
                .param("text", text)
                .param("like", like)
                .query(Long.class)
                .single();
        int pages = Math.max(1, (int) ((total + PAGE_SIZE - 1) / PAGE_SIZE));
        int page = Math.min(Math.max(q.page(), 1), pages);
        String order =
                switch (q.sort() == null ? "" : q.sort()) {
                    case "organisation" -> "lower(o.name), lower(u.last_name), u.id";
                    case "newest" -> "u.created_at desc, u.id desc";
                    default -> "lower(u.last_name), lower(u.first_name), u.id";
                };
        List<Entry> entries = jdbc.sql(
                        """
                        select u.id as user_id, u.first_name || ' ' || u.last_name as name, o.name as organisation,
                               u.city, u.job_title,
                               coalesce((select array_agg(us.name order by us.name) from user_specialism us
                                         where us.user_id = u.id), '{}') as specialisms
                        """
                                + from + " order by " + order + " limit :limit offset :offset")
                .param("staff", staff)
                .param("communities", communityIds)
                .param("vendor", q.vendorId())
                .param("module", q.moduleId())
                .param("text", text)
                .param("like", like)
                .param("limit", PAGE_SIZE)
                .param("offset", (page - 1) * PAGE_SIZE)
                .query((rs, n) -> new Entry(
                        rs.getLong("user_id"),
                        rs.getString("name"),
                        rs.getString("organisation"),
                        rs.getString("city"),
                        rs.getString("job_title"),
                        List.of((String[]) rs.getArray("specialisms").getArray())))
                .list();
        return new Result(entries, total, page, pages);
    }
}
