package nl.clanq.shared.demo;

import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds demo data at start-up in demo mode, once per seeder and database. Marks a database used
 * outside demo mode as such, and refuses to seed into it: demo accounts with a published password
 * must never appear beside real members.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final long LOCK = 0x636c616e71L; // "clanq": one seeding node at a time

    private final DemoMode mode;
    private final DemoProperties properties;
    private final List<DemoSeeder> seeders;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    DemoData(
            DemoMode mode,
            DemoProperties properties,
            List<DemoSeeder> seeders,
            JdbcClient jdbc,
            TransactionTemplate tx) {
        this.mode = mode;
        this.properties = properties;
        this.seeders = seeders.stream()
                .sorted(Comparator.comparingInt(DemoSeeder::order))
                .toList();
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query().singleRow();
            Boolean demoDatabase = jdbc.sql("select demo from platform_instance")
                    .query(Boolean.class)
                    .optional()
                    .orElse(null);
            if (!mode.isOn()) {
                if (demoDatabase == null) {
                    jdbc.sql("insert into platform_instance (demo) values (false)")
                            .update();
                }
                return;
            }
            if (Boolean.FALSE.equals(demoDatabase)) {
                throw new DemoRefused("this database was created outside demo mode");
            }
            if (demoDatabase == null) {
                for (DemoSeeder seeder : seeders) {
                    if (seeder.hasForeignData()) {
                        throw new DemoRefused("it already holds data (" + seeder.name() + ")");
                    }
                }
                jdbc.sql("insert into platform_instance (demo) values (true)").update();
            }
        });
        if (!mode.isOn()) {
            return;
        }
        DemoContext context = new DemoContext(properties.password());
        for (DemoSeeder seeder : seeders) {
            tx.executeWithoutResult(status -> {
                jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query().singleRow();
                int done = jdbc.sql("select count(*) from demo_seed where name = ?")
                        .param(seeder.name())
                        .query(Integer.class)
                        .single();
                if (done > 0) {
                    return;
                }
                seeder.seed(context);
                jdbc.sql("insert into demo_seed (name) values (?)")
                        .param(seeder.name())
                        .update();
                log.info("Demo data seeded: {}", seeder.name());
            });
        }
    }

    /** Start-up stops: seeding demo accounts beside real data would be a security hole. */
    static final class DemoRefused extends IllegalStateException {
        DemoRefused(String why) {
            super("Demo mode refuses to seed this database: " + why
                    + ". Use an empty database for demo mode, or set clanq.demo.enabled=false.");
        }
    }
}
