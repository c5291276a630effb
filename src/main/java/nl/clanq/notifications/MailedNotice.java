package nl.clanq.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A notice as the mail jobs see it: what it is about and where it links, never a post body.
 *
 * @param kind the kind, or {@code null} for a kind this version does not know (never mailed)
 * @param actorName who caused it ("first last"), or {@code null}
 */
record MailedNotice(
        long id,
        NoticeKind kind,
        String actorName,
        Long forumId,
        Long topicId,
        Long postId,
        String title,
        String detail,
        String url,
        Instant createdAt,
        Instant readAt) {

    /** Selects the columns {@link #of} reads, from {@code notice n left join app_user a} (the actor). */
    static final String COLUMNS =
            """
            n.id, n.kind, a.first_name || ' ' || a.last_name as actor_name, n.forum_id, n.topic_id, n.post_id,
            n.title, n.detail, n.url, n.created_at, n.read_at""";

    static MailedNotice of(ResultSet rs, int row) throws SQLException {
        return new MailedNotice(
                rs.getLong("id"),
                NoticePreferences.kind(rs.getString("kind")).orElse(null),
                rs.getString("actor_name"),
                rs.getObject("forum_id", Long.class),
                rs.getObject("topic_id", Long.class),
                rs.getObject("post_id", Long.class),
                rs.getString("title"),
                rs.getString("detail"),
                rs.getString("url"),
                instant(rs, "created_at"),
                instant(rs, "read_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
