package nl.clanq.shared.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One embedded PostgreSQL server per data directory and JVM. Every application context that uses
 * the same directory shares the server (tests start several contexts); the server stops when the
 * last of them closes.
 */
public final class EmbeddedDatabase {

    static final String DATABASE = "clanq";

    private static final Map<Path, EmbeddedDatabase> RUNNING = new HashMap<>();
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);

    private final Path directory;
    private final boolean ephemeral;
    private final EmbeddedPostgres postgres;
    private int users;

    private EmbeddedDatabase(Path directory, boolean ephemeral, EmbeddedPostgres postgres) {
        this.directory = directory;
        this.ephemeral = ephemeral;
        this.postgres = postgres;
    }

    /** Starts the server for {@code directory}, or joins the one already running in this JVM. */
    public static synchronized EmbeddedDatabase acquire(Path directory, boolean ephemeral) {
        Path dir = directory.toAbsolutePath().normalize();
        EmbeddedDatabase db = RUNNING.get(dir);
        if (db == null) {
            db = start(dir, ephemeral);
            RUNNING.put(dir, db);
            EmbeddedDatabase started = db;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stopWhenReleased, "embedded-postgres-stop"));
        }
        db.users++;
        return db;
    }

    private static EmbeddedDatabase start(Path dir, boolean ephemeral) {
        try {
            if (ephemeral) {
                deleteRecursively(dir);
            }
            Files.createDirectories(dir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("fsync", ephemeral ? "off" : "on")
                    .setServerConfig("synchronous_commit", ephemeral ? "off" : "on")
                    .setServerConfig("full_page_writes", ephemeral ? "off" : "on")
                    .start();
            createDatabaseIfMissing(postgres);
            return new EmbeddedDatabase(dir, ephemeral, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + DATABASE + " encoding 'UTF8' template template0");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the embedded database " + DATABASE, e);
        }
    }

    /** The server already running for {@code directory} in this JVM, if any. */
    public static synchronized Optional<EmbeddedDatabase> running(Path directory) {
        return Optional.ofNullable(RUNNING.get(directory.toAbsolutePath().normalize()));
    }

    /** Leaves the server; the last user stops it. */
    public void release() {
        synchronized (EmbeddedDatabase.class) {
            users--;
            if (users > 0) {
                return;
            }
            RUNNING.remove(directory);
            EmbeddedDatabase.class.notifyAll();
        }
        try {
            postgres.close();
            if (ephemeral) {
                deleteRecursively(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * JVM shutdown: the application contexts close in their own shutdown hooks and release the
     * server once their connection pools are closed. Give them that time; stop the server anyway
     * afterwards, so that a context that failed to start leaves no orphaned postgres process.
     */
    private void stopWhenReleased() {
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        synchronized (EmbeddedDatabase.class) {
            while (users > 0 && System.nanoTime() < deadline) {
                try {
                    EmbeddedDatabase.class.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException ignored) {
            // Already stopped by its last user, or the JVM is going down anyway.
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    public Path directory() {
        return directory;
    }

    public int port() {
        return postgres.getPort();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
