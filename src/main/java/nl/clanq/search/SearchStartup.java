package nl.clanq.search;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Once Clanq is up (and demo data is seeded): rebuild the index when asked to
 * ({@code --clanq.search.reindex=true}), or when it does not hold the topics the database has — a
 * first start, rows written by a migration, a restored database, or a new version of Clanq whose
 * index fields changed ({@link TopicDocument#MAPPING_VERSION}).
 */
@Component
class SearchStartup {

    private static final Logger log = LoggerFactory.getLogger(SearchStartup.class);

    private final SearchIndexing indexing;
    private final JdbcClient jdbc;
    private final boolean reindex;
    private final boolean wait;

    SearchStartup(
            SearchIndexing indexing,
            JdbcClient jdbc,
            @Value("${clanq.search.reindex:false}") boolean reindex,
            @Value("${clanq.search.wait-for-rebuild:false}") boolean wait) {
        this.indexing = indexing;
        this.jdbc = jdbc;
        this.reindex = reindex;
        this.wait = wait;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        long topics = jdbc.sql("select count(*) from topic").query(Long.class).single();
        long indexed = indexing.indexedTopics();
        if (reindex || indexed != topics) {
            log.info("Rebuilding the search index in the background ({} of {} topics indexed)", indexed, topics);
            indexing.rebuild(null, null);
            if (wait) {
                indexing.awaitRebuild(java.time.Duration.ofMinutes(2));
            }
        }
    }
}
