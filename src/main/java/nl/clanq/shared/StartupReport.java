package nl.clanq.shared;

import java.net.URI;
import nl.clanq.shared.db.EmbeddedDatabaseEnvironment;
import nl.clanq.shared.demo.DemoMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** One line at start-up that tells an operator where Clanq listens and what it runs on. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final Environment env;
    private final DemoMode demo;

    StartupReport(Environment env, DemoMode demo) {
        this.env = env;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        String address = env.getProperty("server.address", "0.0.0.0");
        String host = "0.0.0.0".equals(address) || "127.0.0.1".equals(address) ? "localhost" : address;
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        log.info(
                "Clanq is running at http://{}:{}/ — database: {} — demo mode: {}",
                host,
                port,
                database(),
                demo.isOn() ? "on" : "off");
    }

    private String database() {
        if (env.getProperty(EmbeddedDatabaseEnvironment.ACTIVE, Boolean.class, false)) {
            return "embedded PostgreSQL at " + env.getProperty(EmbeddedDatabaseEnvironment.RESOLVED_DIR);
        }
        String url = env.getProperty("spring.datasource.url", "");
        try {
            URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
            return "PostgreSQL " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getPath();
        } catch (IllegalArgumentException e) {
            return "PostgreSQL (configured URL)";
        }
    }
}
