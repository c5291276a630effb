package nl.clanq.search;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import nl.clanq.accounts.ProfileUpdated;
import nl.clanq.catalog.ModuleRetired;
import nl.clanq.forums.ForumActed;
import nl.clanq.forums.ReplyPosted;
import nl.clanq.forums.TopicChanged;
import nl.clanq.forums.TopicMoved;
import nl.clanq.forums.TopicPosted;
import nl.clanq.forums.TopicsMerged;
import nl.clanq.organisations.MemberRemoved;
import nl.clanq.organisations.OrganisationChanged;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;
import nl.clanq.shared.db.Rows;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the index in step with the database. Changes reach it through the owning modules' events,
 * inside their transaction: the documents are rebuilt from the database when that transaction
 * commits, and not at all when it rolls back. A rebuild re-indexes everything in place, without
 * emptying the index first, so search keeps answering from the old documents until each is
 * replaced.
 */
@Service
public class SearchIndexing {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexing.class);

    @PersistenceContext
    private EntityManager entityManager;

    private final EntityManagerFactory entityManagerFactory;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration topicCooldown;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final AtomicReference<Rebuild> rebuild = new AtomicReference<>();
    private volatile java.util.concurrent.CompletableFuture<?> running =
            java.util.concurrent.CompletableFuture.completedFuture(null);

    SearchIndexing(
            EntityManagerFactory entityManagerFactory,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock,
            org.springframework.transaction.PlatformTransactionManager transactionManager,
            @Value("${clanq.search.topic-cooldown:5s}") Duration topicCooldown) {
        this.topicCooldown = topicCooldown;
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        this.entityManagerFactory = entityManagerFactory;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    private SearchSession session() {
        return Search.session(entityManager);
    }

    void topic(long topicId) {
        session().indexingPlan().addOrUpdate(entityManager.getReference(TopicDocument.class, topicId));
    }

    void members(Collection<Long> userIds) {
        for (long id : userIds) {
            session().indexingPlan().addOrUpdate(entityManager.getReference(MemberDocument.class, id));
        }
    }

    @EventListener
    void on(TopicPosted e) {
        topic(e.topicId());
    }

    /**
     * A reply queues its topic (in the reply's transaction) rather than re-indexing the whole
     * conversation while the member waits: {@link #indexQueued} rebuilds it within a second, or
     * when its cooldown ends if it was rebuilt a moment ago.
     */
    @EventListener
    void on(ReplyPosted e) {
        OffsetDateTime now = at(clock.instant());
        jdbc.sql(
                        """
                        insert into search_queue (topic_id, queued_at, due_at) values (?, ?, ?)
                        on conflict (topic_id) do update set version = search_queue.version + 1""")
                .params(e.topicId(), now, now)
                .update();
    }

    private record Queued(long topicId, long version) {}

    static final int QUEUE_BATCH = 100;

    /**
     * Rebuilds the documents of queued topics that are due, each once however many replies it got
     * meanwhile. A rebuilt topic is not rebuilt again before {@code clanq.search.topic-cooldown}
     * has passed: a busy topic's replies are indexed together, so the cost of keeping search up to
     * date does not grow with the rate of replies times the length of the conversation. A reply
     * that commits while its topic is being indexed raises the entry's version and is indexed in a
     * later round; entries are removed once their cooldown has passed with nothing new.
     */
    @Scheduled(
            fixedDelayString = "${clanq.search.queue-interval:500ms}",
            initialDelayString = "${clanq.search.queue-interval:500ms}")
    public void indexQueued() {
        indexQueued(clock.instant());
    }

    void indexQueued(Instant now) {
        jdbc.sql("delete from search_queue where version = indexed_version and due_at <= ?")
                .param(at(now))
                .update();
        List<Queued> queued = jdbc.sql(
                        """
                        select topic_id, version from search_queue
                        where version > indexed_version and due_at <= ?
                        order by due_at limit ?""")
                .params(at(now), QUEUE_BATCH)
                .query(Rows.of(Queued.class))
                .list();
        if (queued.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> queued.forEach(q -> topic(q.topicId())));
        jdbc.sql(
                        """
                        update search_queue q set indexed_version = done.version, due_at = ?
                        from unnest(?::bigint[], ?::bigint[]) as done (topic_id, version)
                        where q.topic_id = done.topic_id""")
                .params(
                        at(now.plus(topicCooldown)),
                        queued.stream().map(Queued::topicId).toArray(Long[]::new),
                        queued.stream().map(Queued::version).toArray(Long[]::new))
                .update();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @EventListener
    void on(TopicChanged e) {
        topic(e.topicId());
    }

    @EventListener
    void on(TopicMoved e) {
        topic(e.topicId());
    }

    @EventListener
    void on(TopicsMerged e) {
        topic(e.sourceTopicId());
        topic(e.targetTopicId());
    }

    /** Staff acts on a post or topic: hide, delete, accept, pin, close, edit. */
    @EventListener
    void on(ForumActed e) {
        switch (e.targetType()) {
            case "topic" -> topic(e.targetId());
            case "post" ->
                jdbc.sql("select topic_id from post where id = ?")
                        .param(e.targetId())
                        .query(Long.class)
                        .optional()
                        .ifPresent(this::topic);
            default -> {}
        }
    }

    @EventListener
    void on(ProfileUpdated e) {
        members(List.of(e.userId()));
    }

    @EventListener
    void on(MemberRemoved e) {
        members(List.of(e.userId()));
    }

    /** Seats, memberships and approvals change who belongs to which community. */
    @EventListener
    void on(OrganisationChanged e) {
        members(jdbc.sql("select user_id from organisation_member where organisation_id = ?")
                .param(e.organisationId())
                .query(Long.class)
                .list());
    }

    /** C10: blocks and unblocks of a member or a whole organisation. */
    @EventListener
    void on(nl.clanq.moderation.SanctionRecorded e) {
        switch (e.targetType()) {
            case "user" -> members(List.of(e.targetId()));
            case "organisation" ->
                members(jdbc.sql("select user_id from organisation_member where organisation_id = ?")
                        .param(e.targetId())
                        .query(Long.class)
                        .list());
            default -> {}
        }
    }

    /** C14: a retired module's topics moved to its successor's forum (after that commit). */
    @ApplicationModuleListener
    void on(ModuleRetired e) {
        if (e.successorId() == null) {
            return;
        }
        jdbc.sql("select t.id from topic t join forum f on f.id = t.forum_id where f.module_id = ?")
                .param(e.successorId())
                .query(Long.class)
                .list()
                .forEach(this::topic);
    }

    /** The progress of a rebuild, for the staff page. */
    public record Rebuild(Instant startedAt, long total, long done, Instant finishedAt, boolean failed) {

        public int percent() {
            return total == 0 ? (finishedAt != null ? 100 : 0) : (int) Math.min(100, done * 100 / total);
        }

        public boolean running() {
            return finishedAt == null;
        }
    }

    /** Waits until the current rebuild (if any) finished, e.g. before tests start searching. */
    public void awaitRebuild(Duration timeout) {
        try {
            running.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("Search index rebuild did not finish in {}: {}", timeout, e.toString());
        }
    }

    public Rebuild progress() {
        return rebuild.get();
    }

    /**
     * Re-indexes every topic and member in the background; returns false when a rebuild is already
     * running. Each batch replaces its documents in place (an update, not an add after a purge), so
     * search keeps serving the existing documents throughout.
     */
    public boolean rebuild(Long staffId, String staffLabel) {
        Rebuild current = rebuild.get();
        if (current != null && current.running()) {
            return false;
        }
        Instant started = clock.instant();
        long total = jdbc.sql("select (select count(*) from topic) + (select count(*) from app_user)")
                .query(Long.class)
                .single();
        rebuild.set(new Rebuild(started, total, 0, null, false));
        running = java.util.concurrent.CompletableFuture.runAsync(
                        () -> {
                            AtomicLong done = new AtomicLong();
                            reindexAll(TopicDocument.class, started, total, done);
                            reindexAll(MemberDocument.class, started, total, done);
                            rebuild.set(new Rebuild(started, total, done.get(), clock.instant(), false));
                            log.info("Search index rebuilt: {} documents", done.get());
                        },
                        java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .exceptionally(failure -> {
                    Rebuild r = rebuild.get();
                    rebuild.set(new Rebuild(started, total, r.done(), clock.instant(), true));
                    log.error("Search index rebuild failed", failure);
                    return null;
                });
        if (staffId != null) {
            events.publishEvent(new IndexRebuildStarted(staffId, staffLabel));
        }
        return true;
    }

    static final int BATCH = 500;

    private void reindexAll(Class<?> type, Instant started, long total, AtomicLong done) {
        long last = 0;
        while (true) {
            long from = last;
            Long next = transactions.execute(status -> {
                List<?> batch = entityManager
                        .createQuery(
                                "select d from " + type.getSimpleName() + " d where d.id > :from order by d.id", type)
                        .setParameter("from", from)
                        .setMaxResults(BATCH)
                        .getResultList();
                SearchSession session = Search.session(entityManager);
                Long max = null;
                for (Object document : batch) {
                    session.indexingPlan().addOrUpdate(document);
                    max = (Long) entityManagerFactory.getPersistenceUnitUtil().getIdentifier(document);
                }
                done.addAndGet(batch.size());
                return max;
            });
            rebuild.set(new Rebuild(started, total, done.get(), null, false));
            if (next == null) {
                return;
            }
            last = next;
        }
    }

    /** Staff started a rebuild of the search index (S8). */
    public record IndexRebuildStarted(long staffId, String staffLabel) implements Audited {
        @Override
        public AuditFacts audit() {
            return new AuditFacts(
                    staffId, staffLabel, "search.index.rebuilt", "search", null, null, java.util.Map.of());
        }
    }

    /**
     * How many topic documents of the current mapping the index holds, to notice at start an empty
     * or foreign index, or one written before the fields changed.
     */
    @Transactional(readOnly = true)
    public long indexedTopics() {
        return Search.session(entityManager)
                .search(TopicDocument.class)
                .where(f -> f.match().field(TopicDocument.MAPPING).matching(TopicDocument.MAPPING_VERSION))
                .fetchTotalHitCount();
    }
}
