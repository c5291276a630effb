package nl.clanq.forums;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A forum's topic and post counters and last activity, counted again from its topics after topics
 * moved in or out or were deleted (C10, C13, C14). Topics merged into another or deleted by staff
 * no longer count.
 */
@Component
class ForumCounts {

    private final JdbcClient jdbc;

    ForumCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void recount(long forumId) {
        jdbc.sql(
                        """
                        update forum f set topic_count = s.topics, post_count = s.posts, last_post_at = s.last
                        from (select count(*) as topics, coalesce(sum(reply_count + 1), 0) as posts,
                                     max(last_post_at) as last
                              from topic where forum_id = :f and merged_into is null and deleted_at is null) s
                        where f.id = :f""")
                .param("f", forumId)
                .update();
    }
}
