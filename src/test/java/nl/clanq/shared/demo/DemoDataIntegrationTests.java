package nl.clanq.shared.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import nl.clanq.IntegrationTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo seeding against a scratch database on the same embedded server, migrated like the real one,
 * so that refusing and re-running can be shown without touching the shared test database.
 */
@IntegrationTest
class DemoDataIntegrationTests {

    @Autowired
    JdbcClient sharedJdbc;

    @Autowired
    Environment env;

    HikariDataSource scratch;
    JdbcClient jdbc;
    final List<String> ran = new ArrayList<>();

    @BeforeEach
    void scratchDatabase() {
        sharedJdbc.sql("drop database if exists demo_scratch").update();
        sharedJdbc.sql("create database demo_scratch").update();
        scratch = new HikariDataSource();
        scratch.setJdbcUrl(env.getProperty("spring.datasource.url").replace("/clanq", "/demo_scratch"));
        scratch.setUsername("postgres");
        Flyway.configure().dataSource(scratch).load().migrate();
        jdbc = JdbcClient.create(scratch);
    }

    @AfterEach
    void dropScratch() {
        scratch.close();
        sharedJdbc.sql("drop database if exists demo_scratch").update();
    }

    private DemoData demoData(boolean demoOn, boolean foreignData) {
        MockEnvironment mockEnv = new MockEnvironment().withProperty("clanq.embedded-db.active", "true");
        DemoMode mode = new DemoMode(new DemoProperties(demoOn, null), mockEnv);
        DemoSeeder seeder = new DemoSeeder() {
            public String name() {
                return "test-seeder";
            }

            public int order() {
                return 0;
            }

            public boolean hasForeignData() {
                return foreignData;
            }

            public void seed(DemoContext context) {
                ran.add(context.password());
            }
        };
        return new DemoData(
                mode,
                new DemoProperties(demoOn, null),
                List.of(seeder),
                jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(scratch)));
    }

    @Test
    void seedsOnceAndIsIdempotent() {
        demoData(true, false).run(null);
        demoData(true, false).run(null);

        assertThat(ran).containsExactly("Clanq-demo-2026!");
        assertThat(jdbc.sql("select demo from platform_instance")
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void refusesADatabaseThatWasUsedOutsideDemoMode() {
        demoData(false, false).run(null);

        assertThatThrownBy(() -> demoData(true, false).run(null))
                .hasMessageContaining("refuses to seed")
                .hasMessageContaining("clanq.demo.enabled=false");
        assertThat(ran).isEmpty();
    }

    @Test
    void refusesADatabaseThatAlreadyHoldsData() {
        assertThatThrownBy(() -> demoData(true, true).run(null)).hasMessageContaining("already holds data");
        assertThat(ran).isEmpty();
        assertThat(jdbc.sql("select count(*) from platform_instance")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
