package nl.clanq.bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import nl.clanq.legal.Acceptances;
import nl.clanq.search.SearchIndexing;
import nl.clanq.shared.crypto.SecretCipher;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Fills an empty database with a generated community for load tests (issue #10), when started
 * with {@code --clanq.dataset.generate=large|small|tiny}. Runs after the demo seeding, before the
 * application is ready (so the search index, rebuilt at first start, sees every topic), loading
 * through PostgreSQL {@code COPY}. Refuses a database that already holds organisations or topics.
 * Every member signs in as {@code lid<n>@bench.clanq.test} with {@code clanq.dataset.password}.
 */
@Component
@ConditionalOnProperty("clanq.dataset.generate")
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class DatasetGenerator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DatasetGenerator.class);
    private static final int FLUSH_CHARS = 32 * 1024 * 1024;
    private static final List<String> ID_TABLES = List.of(
            "app_user",
            "vendor",
            "software_module",
            "forum",
            "organisation",
            "membership",
            "topic",
            "post",
            "post_revision",
            "conversation",
            "message");
    private static final List<String> COUNTED = List.of(
            "app_user",
            "document_acceptance",
            "vendor",
            "software_module",
            "forum",
            "organisation",
            "organisation_member",
            "membership",
            "membership_seat",
            "licence",
            "topic",
            "post",
            "post_revision",
            "topic_read",
            "conversation",
            "conversation_participant",
            "message");

    private final Scale scale;
    private final long seed;
    private final String password;
    private final String searchDir;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final SecretCipher cipher;
    private final Acceptances acceptances;
    private final SearchIndexing search;
    private final Clock clock;
    private volatile boolean generated;

    DatasetGenerator(
            @Value("${clanq.dataset.generate}") String scale,
            @Value("${clanq.dataset.seed:20261121}") long seed,
            @Value("${clanq.dataset.password:Clanq-bench-2026!}") String password,
            @Value("${clanq.search.dir}") String searchDir,
            DataSource dataSource,
            JdbcClient jdbc,
            PasswordEncoder passwords,
            SecretCipher cipher,
            Acceptances acceptances,
            SearchIndexing search,
            Clock clock) {
        this.scale = Scale.parse(scale);
        this.seed = seed;
        this.password = password;
        this.searchDir = searchDir;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.cipher = cipher;
        this.acceptances = acceptances;
        this.search = search;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        long organisations = count("organisation");
        long topics = count("topic");
        if (organisations > 0 || topics > 0) {
            throw new IllegalStateException("The dataset generator fills only an empty database, and this one holds "
                    + organisations + " organisations and " + topics + " topics. Start it with demo mode off"
                    + " (--clanq.demo.enabled=false) on a fresh data directory"
                    + " (e.g. --clanq.embedded-db.dir=./data/bench-"
                    + scale.name().toLowerCase() + ").");
        }
        long started = System.nanoTime();
        log.info("Generating the {} dataset (seed {})", scale.name().toLowerCase(), seed);
        Map<String, String> legal = new LinkedHashMap<>();
        acceptances.current().forEach(c -> legal.put(c.document(), c.version()));
        String hash = passwords.encode(password); // once: Argon2 is slow on purpose
        Dataset.Inputs inputs = new Dataset.Inputs(
                hash,
                legal,
                (body, conversationId) -> cipher.encrypt(body, "message:" + conversationId),
                cipher.currentKeyId(),
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement()) {
                s.execute("create temp table bench_accepted (topic_id bigint not null, post_id bigint not null)");
            }
            CopySink sink = new CopySink(connection.unwrap(PGConnection.class).getCopyAPI());
            Dataset dataset = new Dataset(scale, seed, inputs, firstIds(), sink);
            phase("members, organisations, vendors, forums", () -> dataset.community(), sink);
            phase(
                    "topics and posts",
                    () -> dataset.forums(() -> log.info("  … {} topics", sink.rows(Dataset.Table.TOPIC))),
                    sink);
            phase("read states", dataset::reads, sink);
            phase(
                    "conversations and messages",
                    () -> dataset.messages(
                            () -> log.info("  … {} conversations", sink.rows(Dataset.Table.CONVERSATION))),
                    sink);
            long derived = System.nanoTime();
            try (Statement s = connection.createStatement()) {
                s.execute(
                        "update topic t set accepted_post_id = a.post_id from bench_accepted a where a.topic_id = t.id");
                s.execute(
                        """
                        update forum f set topic_count = s.topics, post_count = s.posts, last_post_at = s.last
                        from (select t.forum_id, count(*) as topics, sum(t.reply_count + 1) as posts,
                                     max(t.last_post_at) as last
                              from topic t group by t.forum_id) s
                        where s.forum_id = f.id""");
                for (String table : ID_TABLES) {
                    s.execute("select setval(pg_get_serial_sequence('" + table
                            + "', 'id'), greatest((select max(id) from " + table + "), 1))");
                }
                s.execute("drop table bench_accepted");
                s.execute("analyze");
            }
            log.info("Phase derived columns, sequences and statistics: {}", seconds(derived));
        }
        StringBuilder counts = new StringBuilder();
        for (String table : COUNTED) {
            counts.append(String.format("%n  %-25s %,12d", table, count(table)));
        }
        log.info("Dataset {} generated in {}; rows:{}", scale.name().toLowerCase(), seconds(started), counts);
        log.info(
                "Database size: {}",
                jdbc.sql("select pg_size_pretty(pg_database_size(current_database()))")
                        .query(String.class)
                        .single());
        log.info(
                "Members sign in as lid1@bench.clanq.test … lid{}@bench.clanq.test with the password \"{}\"",
                scale.members(),
                password);
        generated = true;
    }

    /** The search index is rebuilt in the background once the application is ready: report when it is done. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void reportIndex() {
        if (!generated) {
            return;
        }
        long started = System.nanoTime();
        Thread.ofVirtual().name("bench-index-report").start(() -> {
            try {
                Thread.sleep(2_000);
                SearchIndexing.Rebuild progress = search.progress();
                while (progress != null && progress.running()) {
                    log.info(
                            "Search index still building: {} of {} topics ({} %)",
                            progress.done(), progress.total(), progress.percent());
                    Thread.sleep(15_000);
                    progress = search.progress();
                }
                log.info(
                        "Search index built ({} topics indexed) in about {}; size on disk {} MB",
                        search.indexedTopics(),
                        seconds(started),
                        directorySize(Path.of(searchDir)) / (1024 * 1024));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Could not report on the search index: {}", e.toString());
            }
        });
    }

    private void phase(String name, Runnable work, CopySink sink) {
        long started = System.nanoTime();
        log.info("Phase {} …", name);
        work.run();
        sink.flush();
        log.info("Phase {}: {}", name, seconds(started));
    }

    private Dataset.FirstIds firstIds() {
        return new Dataset.FirstIds(
                next("app_user"),
                next("vendor"),
                next("software_module"),
                next("forum"),
                next("organisation"),
                next("membership"),
                next("topic"),
                next("post"),
                next("post_revision"),
                next("conversation"),
                next("message"));
    }

    private long next(String table) {
        return jdbc.sql("select coalesce(max(id), 0) + 1 from " + table)
                .query(Long.class)
                .single();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static String seconds(long startedNanos) {
        Duration d = Duration.ofNanos(System.nanoTime() - startedNanos);
        return String.format("%d:%02d (%.1f s)", d.toMinutes(), d.toSecondsPart(), d.toMillis() / 1000.0);
    }

    private static long directorySize(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Buffers rows as COPY text per table and loads them all, in foreign-key order, when enough has piled up. */
    static final class CopySink implements Dataset.RowSink {

        private final CopyManager copy;
        private final Map<Dataset.Table, StringBuilder> buffers = new EnumMap<>(Dataset.Table.class);
        private final Map<Dataset.Table, Long> rows = new EnumMap<>(Dataset.Table.class);
        private long buffered;

        CopySink(CopyManager copy) {
            this.copy = copy;
        }

        @Override
        public void row(Dataset.Table table, Object... values) {
            StringBuilder b = buffers.computeIfAbsent(table, t -> new StringBuilder(1 << 16));
            int before = b.length();
            appendRow(b, values);
            buffered += b.length() - before;
            rows.merge(table, 1L, Long::sum);
            if (buffered > FLUSH_CHARS) {
                flush();
            }
        }

        long rows(Dataset.Table table) {
            return rows.getOrDefault(table, 0L);
        }

        void flush() {
            for (Dataset.Table table : Dataset.Table.values()) {
                StringBuilder b = buffers.get(table);
                if (b == null || b.isEmpty()) {
                    continue;
                }
                try {
                    copy.copyIn("copy " + table.target + " from stdin", new StringReader(b.toString()));
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not load " + table.target + ": " + e.getMessage(), e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                b.setLength(0);
            }
            buffered = 0;
        }
    }

    /** One row in PostgreSQL's COPY text format. */
    static void appendRow(StringBuilder b, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append('\t');
            }
            Object value = values[i];
            if (value == null) {
                b.append("\\N");
            } else if (value instanceof Boolean bool) {
                b.append(bool ? 't' : 'f');
            } else if (value instanceof String s) {
                for (int c = 0; c < s.length(); c++) {
                    char ch = s.charAt(c);
                    switch (ch) {
                        case '\\' -> b.append("\\\\");
                        case '\t' -> b.append("\\t");
                        case '\n' -> b.append("\\n");
                        case '\r' -> b.append("\\r");
                        default -> b.append(ch);
                    }
                }
            } else {
                b.append(value);
            }
        }
        b.append('\n');
    }
}
