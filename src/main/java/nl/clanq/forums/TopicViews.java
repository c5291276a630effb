package nl.clanq.forums;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts topic views in memory and adds them to the topics every few seconds, in one statement.
 *
 * <p>Written on every view, the count made every reader of a topic wait for the previous reader's
 * transaction: the row lock on the topic is held until commit. With 32 members on one popular
 * topic a view waited 10 ms for that lock (issue #10, {@code docs/bench/findings.md}), and every view
 * left a new version of the topic row behind. Like Discourse, Clanq counts views apart and adds them
 * up later. Each node adds its own counts, so nodes need no coordination; a crash loses at most one
 * interval's views, as a view's commit without waiting for the disk already could.
 */
@Component
public class TopicViews implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicViews.class);

    private final Map<Long, Integer> pending = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private volatile boolean running;

    TopicViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One more view of the topic, counted at the next {@link #flush()}. */
    public void count(long topicId) {
        pending.merge(topicId, 1, Integer::sum);
    }

    /**
     * Adds the views counted so far to their topics. A view counted while this runs is either
     * taken now or left for the next round, never lost or taken twice: each topic's count is
     * removed from the map in one atomic step.
     */
    @Scheduled(
            fixedDelayString = "${clanq.forums.view-flush-interval:5s}",
            initialDelayString = "${clanq.forums.view-flush-interval:5s}")
    public void flush() {
        List<Long> topics = new ArrayList<>();
        List<Integer> views = new ArrayList<>();
        for (Long topic : pending.keySet()) {
            Integer n = pending.remove(topic);
            if (n != null) {
                topics.add(topic);
                views.add(n);
            }
        }
        if (topics.isEmpty()) {
            return;
        }
        try {
            jdbc.sql(
                            """
                            update topic t set view_count = t.view_count + v.views
                            from unnest(?::bigint[], ?::int[]) as v (id, views) where t.id = v.id""")
                    .params(topics.toArray(Long[]::new), views.toArray(Integer[]::new))
                    .update();
        } catch (RuntimeException e) {
            // The database is away: keep the counts for the next round rather than lose them.
            for (int i = 0; i < topics.size(); i++) {
                pending.merge(topics.get(i), views.get(i), Integer::sum);
            }
            log.warn("Topic views could not be saved, will retry: {}", e.toString());
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** At shutdown the views counted since the last round are saved before the database goes. */
    @Override
    public void stop() {
        flush();
        running = false;
    }

    /** Stopped after the web server, so that the views of its last requests are saved too. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
