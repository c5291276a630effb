package nl.clanq.shared.db;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded PostgreSQL before the application context is built, when no database URL is
 * configured, and points {@code spring.datasource.*} at it. With a configured URL nothing embedded
 * starts. Runs after the configuration files are read, so {@code application.properties} and
 * environment variables decide.
 */
public class EmbeddedDatabaseEnvironment implements EnvironmentPostProcessor, Ordered {

    public static final String ACTIVE = "clanq.embedded-db.active";
    public static final String RESOLVED_DIR = "clanq.embedded-db.resolved-dir";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.containsProperty("spring.datasource.url")) {
            return;
        }
        Path dir = Path.of(env.getProperty("clanq.embedded-db.dir", "./data/postgres"));
        boolean ephemeral = env.getProperty("clanq.embedded-db.ephemeral", Boolean.class, false);
        EmbeddedDatabase db = EmbeddedDatabase.acquire(dir, ephemeral);
        env.getPropertySources()
                .addFirst(new MapPropertySource(
                        "clanq-embedded-db",
                        Map.of(
                                "spring.datasource.url",
                                db.jdbcUrl(),
                                "spring.datasource.username",
                                "postgres",
                                "spring.datasource.password",
                                "",
                                ACTIVE,
                                "true",
                                RESOLVED_DIR,
                                db.directory().toString())));
    }

    @Override
    public int getOrder() {
        // After ConfigDataEnvironmentPostProcessor (Ordered.HIGHEST_PRECEDENCE + 10).
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
