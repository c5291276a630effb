package nl.clanq.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import nl.clanq.IntegrationTest;
import nl.clanq.shared.web.Http;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class FoundationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Flyway flyway;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void runsOnTheEmbeddedPostgresql() {
        String version = jdbc.sql("show server_version").query(String.class).single();
        assertThat(version).startsWith("18");
    }

    @Test
    void appliesEveryMigration() throws IOException {
        long scripts;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            scripts = files.filter(f -> f.toString().endsWith(".sql")).count();
        }
        MigrationInfo[] applied = flyway.info().applied();
        assertThat(applied).hasSize((int) scripts);
        assertThat(applied).allSatisfy(m -> assertThat(m.getState()).isEqualTo(MigrationState.SUCCESS));
        assertThat(flyway.info().pending()).isEmpty();
    }

    @Test
    void healthIsUpWithLivenessAndReadiness() {
        assertThat(http.get("/actuator/health").body()).contains("\"status\":\"UP\"");
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void otherOperationsEndpointsAreHiddenFromVisitors() {
        assertThat(http.get("/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/metrics").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownUrlShowsTheDutchNotFoundPageInsideTheLayout() {
        HttpResponse<String> response = http.get("/bestaat-niet");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(response.body())
                .contains("<html lang=\"nl\"")
                .contains("Pagina niet gevonden")
                .contains("Naar de inhoud") // skip link of the layout
                .contains("Gebruikersvoorwaarden") // footer of the layout
                .doesNotContain("Whitelabel")
                .doesNotContain("Exception");
    }

    @Test
    void unknownUrlShowsTheEnglishNotFoundPageWithTheLanguageCookie() {
        HttpResponse<String> response = http.get("/does-not-exist", "Cookie", "clanq_lang=en");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body())
                .contains("<html lang=\"en\"")
                .contains("Page not found")
                .contains("Terms of use");
    }

    @Test
    void languageSwitchIsRememberedInACookie() {
        HttpResponse<String> response = http.get("/?lang=en");
        assertThat(response.body()).contains("The independent network");
        assertThat(response.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("clanq_lang=en").contains("HttpOnly"));
        assertThat(http.get("/?lang=xx", "Cookie", "clanq_lang=en").body()).contains("The independent network");
    }

    @Test
    void landingPageExplainsClanqAndTheDisclaimer_C12_C15() {
        String body = http.get("/").body();
        assertThat(body)
                .contains("<html lang=\"nl\"")
                .contains("maximaal 3 gebruikersaccounts")
                .contains("op dit moment gratis") // C12
                .contains("op geen enkele wijze verantwoordelijk"); // C15, in page and footer
    }

    @Test
    void termsAndPrivacyArePublic_C11() {
        assertThat(http.get("/terms").body()).contains("Gebruikersvoorwaarden");
        assertThat(http.get("/privacy").statusCode()).isEqualTo(200);
        assertThat(http.get("/privacy").body()).contains("Privacyverklaring");
    }

    @Test
    void pagesCarryTheSecurityHeaders() {
        HttpResponse<String> response = http.get("/");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline")
                .contains("frame-ancestors 'none'"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void demoModeMarksTheDatabaseAsDemo() {
        Boolean demo = jdbc.sql("select demo from platform_instance")
                .query(Boolean.class)
                .single();
        assertThat(demo).isTrue();
    }
}
