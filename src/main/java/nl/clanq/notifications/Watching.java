package nl.clanq.notifications;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Watch levels (Discourse's): per forum watching (every topic and reply), watching first post
 * (new topics), normal, muted; per topic watching, tracking (counts only), normal, muted.
 */
@Service
@Transactional
public class Watching {

    public enum ForumLevel {
        WATCHING,
        WATCHING_FIRST_POST,
        NORMAL,
        MUTED
    }

    public enum TopicLevel {
        WATCHING,
        TRACKING,
        NORMAL,
        MUTED
    }

    private final JdbcClient jdbc;

    Watching(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public ForumLevel forumLevel(long userId, long forumId) {
        return jdbc.sql("select level from forum_watch where user_id = ? and forum_id = ?")
                .params(userId, forumId)
                .query(String.class)
                .optional()
                .map(ForumLevel::valueOf)
                .orElse(ForumLevel.NORMAL);
    }

    @Transactional(readOnly = true)
    public TopicLevel topicLevel(long userId, long topicId) {
        return explicitTopicLevel(userId, topicId).orElse(TopicLevel.NORMAL);
    }

    Optional<TopicLevel> explicitTopicLevel(long userId, long topicId) {
        return jdbc.sql("select level from topic_watch where user_id = ? and topic_id = ?")
                .params(userId, topicId)
                .query(String.class)
                .optional()
                .map(TopicLevel::valueOf);
    }

    public void watchForum(long userId, long forumId, ForumLevel level) {
        jdbc.sql(
                        """
                        insert into forum_watch (user_id, forum_id, level) values (?, ?, ?)
                        on conflict (user_id, forum_id) do update set level = excluded.level""")
                .params(userId, forumId, level.name())
                .update();
    }

    public void watchTopic(long userId, long topicId, TopicLevel level) {
        jdbc.sql(
                        """
                        insert into topic_watch (user_id, topic_id, level) values (?, ?, ?)
                        on conflict (user_id, topic_id) do update set level = excluded.level""")
                .params(userId, topicId, level.name())
                .update();
    }

    /** Sets a level only when the member has not chosen one for the topic themselves. */
    void watchTopicIfUnset(long userId, long topicId, TopicLevel level) {
        jdbc.sql(
                        """
                        insert into topic_watch (user_id, topic_id, level) values (?, ?, ?)
                        on conflict (user_id, topic_id) do nothing""")
                .params(userId, topicId, level.name())
                .update();
    }
}
