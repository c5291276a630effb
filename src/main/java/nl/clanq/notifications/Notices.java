package nl.clanq.notifications;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A person's notices: the unread count for the bell, the list, opening and marking as read. */
@Service
@Transactional
public class Notices {

    public static final int PAGE_SIZE = 30;

    private final JdbcClient jdbc;
    private final Clock clock;

    Notices(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Notice(
            long id,
            NoticeKind kind,
            String actorName,
            String forumName,
            String title,
            String detail,
            String url,
            Instant createdAt,
            boolean read) {}

    public record Page(List<Notice> notices, long total, int page, int pages, int unread) {}

    @Transactional(readOnly = true)
    public int unread(long userId) {
        return jdbc.sql("select count(*) from notice where user_id = ? and read_at is null")
                .param(userId)
                .query(Integer.class)
                .single();
    }

    @Transactional(readOnly = true)
    public Page page(long userId, int page) {
        long total = jdbc.sql("select count(*) from notice where user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
        int pages = Math.max(1, (int) ((total + PAGE_SIZE - 1) / PAGE_SIZE));
        int p = Math.min(Math.max(page, 1), pages);
        List<Notice> notices = jdbc.sql(
                        """
                        select n.id, n.kind, a.first_name || ' ' || a.last_name as actor_name, f.name as forum_name,
                               n.title, n.detail, n.url, n.created_at, n.read_at is not null as read
                        from notice n
                        left join app_user a on a.id = n.actor_id
                        left join forum f on f.id = n.forum_id
                        where n.user_id = ? order by n.created_at desc, n.id desc limit ? offset ?""")
                .params(userId, PAGE_SIZE, (p - 1) * PAGE_SIZE)
                .query(Rows.of(Notice.class))
                .list();
        return new Page(notices, total, p, pages, unread(userId));
    }

    /** Marks the notice read and answers where it leads; someone else's notice is not found. */
    public String open(long userId, long noticeId) {
        String url = jdbc.sql("select url from notice where id = ? and user_id = ?")
                .params(noticeId, userId)
                .query(String.class)
                .optional()
                .orElseThrow(NotFoundException::new);
        markRead(userId, noticeId);
        return url;
    }

    public void markRead(long userId, long noticeId) {
        int rows = jdbc.sql("update notice set read_at = coalesce(read_at, ?) where id = ? and user_id = ?")
                .params(OffsetDateTime.now(clock), noticeId, userId)
                .update();
        if (rows == 0) {
            throw new NotFoundException();
        }
    }

    public void markAllRead(long userId) {
        jdbc.sql("update notice set read_at = ? where user_id = ? and read_at is null")
                .params(OffsetDateTime.now(clock), userId)
                .update();
    }
}
