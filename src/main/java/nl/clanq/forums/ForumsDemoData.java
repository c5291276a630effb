package nl.clanq.forums;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.UserView;
import nl.clanq.shared.demo.DemoContext;
import nl.clanq.shared.demo.DemoSeeder;
import nl.clanq.shared.markdown.Markdown;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Demo: the general forum of the demo vendor and some 220 realistic Dutch topics with replies
 * across its forums, from {@code demo/forum-topics.json}: some solved, some edited, a few pinned or
 * closed. Written straight into the tables (the data is trusted), rendered like real posts.
 */
@Component
class ForumsDemoData implements DemoSeeder {

    record DemoReply(String author, String body, int daysAgo, boolean accepted, DemoEdit edited) {}

    record DemoEdit(String previousBody, String reason) {}

    record DemoTopic(
            String forum,
            String title,
            String author,
            String body,
            int daysAgo,
            boolean pinned,
            boolean closed,
            int views,
            DemoEdit edited,
            List<DemoReply> replies) {}

    record DemoFile(List<DemoTopic> topics) {}

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Markdown markdown;
    private final Clock clock;
    private final ForumAccess access;

    ForumsDemoData(JdbcClient jdbc, Accounts accounts, Markdown markdown, Clock clock, ForumAccess access) {
        this.access = access;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.markdown = markdown;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "forums";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public boolean hasForeignData() {
        return jdbc.sql("select count(*) from topic").query(Long.class).single() > 0;
    }

    @Override
    public void seed(DemoContext context) {
        long vendorId = jdbc.sql("select id from vendor where slug = 'personeelsplein'")
                .query(Long.class)
                .single();
        // The demo modules were written straight into the catalog: give each its forum (C2).
        jdbc.sql(
                        """
                        insert into forum (vendor_id, module_id, kind, name, slug, description, position)
                        select vendor_id, id, 'MODULE', name, slug, description, position from software_module
                        on conflict do nothing""")
                .update();
        jdbc.sql(
                        """
                        insert into forum (vendor_id, kind, name, slug, description, position)
                        values (?, 'GENERAL', 'Algemeen', 'algemeen',
                                'Voor alles wat niet bij één module hoort: releases, trainingen, gebruikersdagen en tips.', 0)
                        on conflict do nothing""")
                .param(vendorId)
                .update();
        access.forumOpened();
        Map<String, Long> forums = new HashMap<>();
        jdbc.sql("select slug, id from forum where vendor_id = ?")
                .param(vendorId)
                .query((rs, n) -> forums.put(rs.getString(1), rs.getLong(2)))
                .list();
        Map<String, Long> users = new HashMap<>();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        for (DemoTopic t : read().topics()) {
            long author = user(users, t.author());
            OffsetDateTime asked = now.minusDays(t.daysAgo())
                    .minusMinutes(Math.floorMod(t.title().hashCode(), 600));
            long topicId = jdbc.sql(
                            """
                            insert into topic (forum_id, title, author_id, created_at, last_post_at, last_poster_id,
                                               view_count, pinned, closed)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            forums.get(t.forum()),
                            t.title(),
                            author,
                            asked,
                            asked,
                            author,
                            t.views(),
                            t.pinned(),
                            t.closed())
                    .query(Long.class)
                    .single();
            post(topicId, 0, author, t.body(), asked, t.edited());
            OffsetDateTime last = asked;
            long lastPoster = author;
            int position = 0;
            Long accepted = null;
            for (DemoReply r : t.replies()) {
                position++;
                long replier = user(users, r.author());
                OffsetDateTime at = now.minusDays(r.daysAgo())
                        .minusMinutes(Math.floorMod(r.body().hashCode(), 500));
                if (at.isBefore(last)) {
                    at = last.plus(Duration.ofMinutes(17L * position));
                }
                long postId = post(topicId, position, replier, r.body(), at, r.edited());
                if (r.accepted()) {
                    accepted = postId;
                }
                last = at;
                lastPoster = replier;
            }
            jdbc.sql(
                            """
                            update topic set reply_count = ?, last_post_at = ?, last_poster_id = ?, accepted_post_id = ?
                            where id = ?""")
                    .params(position, last, lastPoster, accepted, topicId)
                    .update();
        }
        jdbc.sql(
                        """
                        update forum f set topic_count = s.topics, post_count = s.posts, last_post_at = s.last
                        from (select t.forum_id, count(*) as topics, sum(t.reply_count + 1) as posts,
                                     max(t.last_post_at) as last
                              from topic t group by t.forum_id) s
                        where s.forum_id = f.id""")
                .update();
    }

    private long post(long topicId, int position, long author, String body, OffsetDateTime at, DemoEdit edited) {
        long postId = jdbc.sql(
                        """
                        insert into post (topic_id, position, author_id, body_source, body_html, created_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(topicId, position, author, body, markdown.render(body), at)
                .query(Long.class)
                .single();
        if (edited != null && edited.previousBody() != null) {
            OffsetDateTime editedAt = at.plusHours(2);
            jdbc.sql(
                            """
                            insert into post_revision (post_id, number, body_source, edited_by, edited_at, reason)
                            values (?, 1, ?, ?, ?, ?)""")
                    .params(postId, edited.previousBody(), author, editedAt, edited.reason())
                    .update();
            jdbc.sql("update post set edited_at = ?, edited_by = ? where id = ?")
                    .params(editedAt, author, postId)
                    .update();
        }
        return postId;
    }

    private long user(Map<String, Long> users, String email) {
        return users.computeIfAbsent(email, e -> accounts.findByEmail(e)
                .map(UserView::id)
                .orElseThrow(() -> new IllegalStateException("Demo author missing: " + e)));
    }

    private static DemoFile read() {
        try (InputStream in = new ClassPathResource("demo/forum-topics.json").getInputStream()) {
            return JsonMapper.builder()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build()
                    .readValue(in, DemoFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
