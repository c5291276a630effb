package nl.clanq.bench.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated members the virtual users play, read from the dataset's database: for each, a
 * module forum it may read, topics of at least 20 posts in its forums (the reference page), a
 * module of its community for the directory and a conversation it takes part in. Topics are open
 * ones, so a reply is accepted. Access follows
 * Clanq's rules (active membership with a seat; general forums, or module forums with a licence),
 * so no virtual user asks for a page it would get a 404 for.
 */
final class Members {

    private static final String QUERY =
            """
            with seat as (
                select s.user_id, m.id as membership_id, m.vendor_id
                from membership_seat s
                join membership m on m.id = s.membership_id and m.status = 'ACTIVE'
                join organisation_member om on om.user_id = s.user_id
                    and om.organisation_id = m.organisation_id and om.status = 'ACTIVE'
                where s.user_id = any (?)
            ), readable as (
                select seat.user_id, f.id as forum_id, f.module_id, v.slug || '/' || f.slug as path
                from seat
                join forum f on f.vendor_id = seat.vendor_id
                join vendor v on v.id = f.vendor_id
                where f.module_id is null
                   or exists (select 1 from licence l where l.membership_id = seat.membership_id and l.module_id = f.module_id)
            )
            select u.id, u.email,
                (select r.path from readable r where r.user_id = u.id and r.module_id is not null
                 order by r.forum_id limit 1) as forum_path,
                (select r.module_id from readable r where r.user_id = u.id and r.module_id is not null
                 order by r.forum_id limit 1) as module_id,
                (select string_agg(x.id::text, ',') from (
                    select t.id from readable r join topic t on t.forum_id = r.forum_id
                    where r.user_id = u.id and t.reply_count >= 19 and not t.closed
                      and t.deleted_at is null and t.merged_into is null
                    order by t.id limit 10) x) as topics,
                (select min(p.conversation_id) from conversation_participant p
                 where p.user_id = u.id and p.left_at is null) as conversation
            from app_user u
            where u.id = any (?)
            order by u.id
            """;

    private Members() {}

    /**
     * Up to {@code count} members of the benchmark dataset, spread evenly over all of them, that
     * have everything a virtual user needs.
     */
    static List<Map<String, Object>> load(String jdbcUrl, int count) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            List<Long> all = new ArrayList<>();
            try (ResultSet rs = c.createStatement()
                    .executeQuery("select id from app_user where email like 'lid%@bench.clanq.test'"
                            + " and status = 'ACTIVE' order by id")) {
                while (rs.next()) {
                    all.add(rs.getLong(1));
                }
            }
            if (all.isEmpty()) {
                throw new IllegalStateException("No benchmark members in " + jdbcUrl + ": generate a dataset first");
            }
            // Ask for twice as many as needed: a few members lack a licence or a conversation.
            int step = Math.max(1, all.size() / (count * 2));
            List<Long> sample = new ArrayList<>();
            for (int i = 0; i < all.size() && sample.size() < count * 2; i += step) {
                sample.add(all.get(i));
            }
            List<Map<String, Object>> members = new ArrayList<>();
            try (var statement = c.prepareStatement(QUERY)) {
                Long[] ids = sample.toArray(Long[]::new);
                statement.setArray(1, c.createArrayOf("bigint", ids));
                statement.setArray(2, c.createArrayOf("bigint", ids));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next() && members.size() < count) {
                        if (rs.getString("forum_path") == null
                                || rs.getString("topics") == null
                                || rs.getObject("conversation") == null) {
                            continue;
                        }
                        Map<String, Object> m = new HashMap<>();
                        long id = rs.getLong("id");
                        m.put("email", rs.getString("email"));
                        m.put("forumPath", rs.getString("forum_path"));
                        m.put("moduleId", rs.getLong("module_id"));
                        m.put("topics", List.of(rs.getString("topics").split(",")));
                        m.put("conversation", rs.getLong("conversation"));
                        // As if behind a reverse proxy: each member comes from an address of its own.
                        m.put("address", "10." + (id >> 16 & 255) + "." + (id >> 8 & 255) + "." + (id & 255));
                        members.add(m);
                    }
                }
            }
            if (members.size() < count) {
                throw new IllegalStateException(
                        "Only " + members.size() + " of " + count + " members have a forum, topics and a conversation");
            }
            return members;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the benchmark dataset at " + jdbcUrl, e);
        }
    }
}
