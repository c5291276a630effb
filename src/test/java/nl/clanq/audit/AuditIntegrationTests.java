package nl.clanq.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import nl.clanq.IntegrationTest;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit log against the shared embedded PostgreSQL. Other tests write entries too, so every test
 * works with an organisation id and an action prefix of its own.
 */
@IntegrationTest
class AuditIntegrationTests {

    /** An audited act as another module would publish it. */
    record SomethingDone(AuditFacts audit) implements Audited {}

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    AuditTrail trail;

    @Autowired
    MockMvc mvc;

    long organisation;
    String prefix;

    @BeforeEach
    void uniqueScope() {
        organisation = ThreadLocalRandom.current().nextLong(1_000_000_000L, 1_000_000_000_000L);
        prefix = "test" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + ".";
        jdbc.sql("create table if not exists audit_test_act (name text primary key)")
                .update();
    }

    @Test
    void writesEntryInTheSameTransaction_S8() throws Exception {
        tx.executeWithoutResult(status -> {
            events.publishEvent(facts(7L, "Anna Admin <anna@example.nl>", prefix + "member.removed", organisation)
                    .withTarget("user", "42")
                    .withDetails(Map.of("reason", "left the company", "seats", "2 of 3"))
                    .event());

            // Visible inside the act's transaction, invisible to everyone else until it commits.
            assertThat(countInTransaction(prefix)).isEqualTo(1);
            assertThat(countFromAnotherConnection(prefix)).isZero();
        });

        assertThat(countFromAnotherConnection(prefix)).isEqualTo(1);
        AuditEntryView entry = trail.forOrganisation(organisation, AuditFilter.none(), 1)
                .entries()
                .getFirst();
        assertThat(entry.actorUserId()).isEqualTo(7L);
        assertThat(entry.actorLabel()).isEqualTo("Anna Admin <anna@example.nl>");
        assertThat(entry.action()).isEqualTo(prefix + "member.removed");
        assertThat(entry.targetType()).isEqualTo("user");
        assertThat(entry.targetId()).isEqualTo("42");
        assertThat(entry.organisationId()).isEqualTo(organisation);
        assertThat(entry.ip()).as("no HTTP request, no address").isNull();
        assertThat(entry.details())
                .containsExactlyInAnyOrderEntriesOf(Map.of("reason", "left the company", "seats", "2 of 3"));
        assertThat(jdbc.sql("select jsonb_typeof(details) from audit_log where id = ?")
                        .param(entry.id())
                        .query(String.class)
                        .single())
                .isEqualTo("object");
    }

    @Test
    void rolledBackActLeavesNoEntry_S8() {
        tx.executeWithoutResult(status -> {
            jdbc.sql("insert into audit_test_act (name) values (?)")
                    .param(prefix)
                    .update();
            events.publishEvent(
                    facts(1L, "Anna", prefix + "licence.granted", organisation).event());
            status.setRollbackOnly();
        });

        assertThat(countFromAnotherConnection(prefix)).isZero();
        assertThat(actDone(prefix)).isFalse();
    }

    @Test
    void failingEntryRollsBackTheAct_S8() {
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                    jdbc.sql("insert into audit_test_act (name) values (?)")
                            .param(prefix)
                            .update();
                    events.publishEvent(
                            facts(1L, "Anna", prefix + "first", organisation).event());
                    // An entry that cannot be written (no action) must undo the whole act.
                    events.publishEvent(facts(1L, "Anna", null, organisation).event());
                }))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("audit action");

        assertThat(actDone(prefix)).as("the act was rolled back").isFalse();
        assertThat(countFromAnotherConnection(prefix)).isZero();
    }

    @Test
    void databaseRefusesUpdateAndDelete_S8() {
        tx.executeWithoutResult(status -> events.publishEvent(
                facts(3L, "Bert", prefix + "topic.moved", organisation).event()));
        long id = jdbc.sql("select id from audit_log where action like ?")
                .param(prefix + "%")
                .query(Long.class)
                .single();

        assertThatThrownBy(() -> jdbc.sql("update audit_log set actor_label = 'someone else' where id = ?")
                        .param(id)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("audit_log is append-only: UPDATE refused");
        assertThatThrownBy(() ->
                        jdbc.sql("delete from audit_log where id = ?").param(id).update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("audit_log is append-only: DELETE refused");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_log").update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("audit_log is append-only: TRUNCATE refused");

        assertThat(jdbc.sql("select actor_label from audit_log where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("Bert");
    }

    @Test
    void recordsTheClientAddressOfTheCurrentRequest_S8() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("203.0.113.7");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        try {
            tx.executeWithoutResult(
                    status -> events.publishEvent(facts(null, "visitor", prefix + "login.failed", organisation)
                            .event()));
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }

        AuditEntryView entry = trail.forOrganisation(organisation, AuditFilter.none(), 1)
                .entries()
                .getFirst();
        assertThat(entry.ip()).isEqualTo("203.0.113.7");
        assertThat(entry.actorUserId()).isNull();
    }

    @Test
    void ownerSeesOnlyTheirOrganisation_S8() {
        long other = organisation + 1;
        publish(facts(5L, "Carla", prefix + "seat.assigned", organisation).withTarget("user", "mine"));
        publish(facts(5L, "Carla", prefix + "seat.assigned", other).withTarget("user", "theirs"));

        // Even a filter that names the other organisation cannot widen the owner's view.
        AuditPage page = trail.forOrganisation(organisation, new AuditFilter(prefix, other, null, null, null, null), 1);

        assertThat(page.entries()).extracting(AuditEntryView::targetId).containsExactly("mine");
        assertThat(page.totalEntries()).isEqualTo(1);
    }

    @Test
    void pagesFiftyEntriesNewestFirst_S8() throws Exception {
        for (int i = 1; i <= 51; i++) {
            publish(facts(5L, "Carla", prefix + "post.hidden", organisation).withTarget("post", "p" + i));
        }

        AuditPage first = trail.forOrganisation(organisation, AuditFilter.none(), 1);
        AuditPage second = trail.forOrganisation(organisation, AuditFilter.none(), 2);

        assertThat(first.totalEntries()).isEqualTo(51);
        assertThat(first.totalPages()).isEqualTo(2);
        assertThat(first.entries()).hasSize(50);
        assertThat(first.entries().getFirst().targetId()).isEqualTo("p51");
        assertThat(second.entries()).extracting(AuditEntryView::targetId).containsExactly("p1");
        assertThat(trail.forOrganisation(organisation, AuditFilter.none(), 99).number())
                .isEqualTo(2);

        String body = page(get("/staff/audit").param("organisation", Long.toString(organisation)));
        assertThat(body)
                .contains("Meldingen 1–50 van 51")
                .contains("aria-label=\"Pagina&#39;s van het auditlog\"") // JTE escapes the apostrophe
                .contains("Pagina 1 van 2")
                .contains("href=\"/staff/audit?organisation=" + organisation + "&amp;page=2\"")
                .contains("aria-label=\"Volgende pagina\"")
                .doesNotContain("aria-label=\"Vorige pagina\"");
    }

    @Test
    void staffFilterByOrganisationAndAction_S8() throws Exception {
        publish(facts(11L, "Daan de Vries", prefix + "member.invited", organisation)
                .withTarget("user", "wanted-1")
                .withDetails(Map.of("email", "eva@example.nl")));
        publish(facts(11L, "Daan de Vries", prefix + "forum.created", organisation)
                .withTarget("forum", "other-action"));
        publish(facts(11L, "Daan de Vries", prefix + "member.invited", organisation + 1)
                .withTarget("user", "other-organisation"));

        String body = page(get("/staff/audit")
                .param("organisation", Long.toString(organisation))
                .param("action", prefix + "member"));

        assertThat(body)
                .contains("<html lang=\"nl\"")
                .contains("<h1 class=\"h2\">Auditlog</h1>")
                .contains("Uitgevoerd door")
                .contains("Handeling")
                .contains("Daan de Vries")
                .contains("wanted-1")
                .contains("eva@example.nl")
                .contains("Meldingen 1–1 van 1")
                .doesNotContain("other-action")
                .doesNotContain("other-organisation")
                .contains("class=\"table-responsive\"");
        // The form shows the filter back.
        assertThat(body).contains("value=\"" + prefix + "member\"").contains("value=\"" + organisation + "\"");
    }

    @Test
    void staffSearchesFreeTextAndDatesInDutchTime_S8() throws Exception {
        // 2020-03-01 23:30 UTC is 2 March 00:30 in Amsterdam; 22:30 UTC is still 1 March there.
        insertAt("2020-03-01T23:30:00Z", prefix + "early", "just-after-midnight");
        insertAt("2020-03-01T22:30:00Z", prefix + "late", "just-before-midnight");

        AuditPage onTheSecond = trail.forOrganisation(
                organisation,
                new AuditFilter(null, null, null, null, LocalDate.of(2020, 3, 2), LocalDate.of(2020, 3, 2)),
                1);
        assertThat(onTheSecond.entries()).extracting(AuditEntryView::targetId).containsExactly("just-after-midnight");

        String body = page(get("/staff/audit")
                .param("organisation", Long.toString(organisation))
                .param("q", "BEFORE-mid"));
        assertThat(body)
                .contains("just-before-midnight")
                .doesNotContain("just-after-midnight")
                .contains("datetime=\"2020-03-01T23:30:00+01:00\"")
                .contains("1 mrt 2020, 23:30:00");
    }

    @Test
    void staffPageSpeaksEnglishOnRequest_S8() throws Exception {
        publish(facts(12L, "Frank", prefix + "vendor.renamed", organisation).withTarget("vendor", "v-english"));

        MockHttpServletResponse response = mvc.perform(get("/staff/audit")
                        .param("organisation", Long.toString(organisation))
                        .cookie(new Cookie("clanq_lang", "en"))
                        .with(user("staff@clanq.nl").roles("STAFF")))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                .contains("<html lang=\"en\"")
                .contains("<h1 class=\"h2\">Audit log</h1>")
                .contains("Done by")
                .contains("v-english")
                .doesNotContain("Uitgevoerd door");
    }

    @Test
    void invalidFilterValuesGetAMessageInsteadOfAnError_S8() throws Exception {
        String body = page(get("/staff/audit")
                .param("organisation", "abc")
                .param("from", "2026-13-45")
                .param("page", "x"));

        assertThat(body)
                .contains("Vul een nummer in (alleen cijfers).")
                .contains("Vul een geldige datum in.")
                .contains("aria-invalid=\"true\"")
                .contains("value=\"abc\"");
    }

    @Test
    void nonStaffGets404OnTheAuditPage_S8() throws Exception {
        assertThat(mvc.perform(get("/staff/audit")).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(get("/staff/audit")
                                .with(user("member@example.nl").roles("MEMBER")))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    // ------------------------------------------------------------------ helpers

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(
                        request.with(user("staff@clanq.nl").roles("STAFF")))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private void publish(Facts facts) {
        tx.executeWithoutResult(status -> events.publishEvent(facts.event()));
    }

    private void insertAt(String instant, String action, String targetId) {
        jdbc.sql(
                        """
                        insert into audit_log (occurred_at, actor_label, action, target_type, target_id, organisation_id)
                        values (cast(? as timestamptz), 'system', ?, 'test', ?, ?)
                        """)
                .params(instant, action, targetId, organisation)
                .update();
    }

    private long countInTransaction(String actionPrefix) {
        return jdbc.sql("select count(*) from audit_log where action like ?")
                .param(actionPrefix + "%")
                .query(Long.class)
                .single();
    }

    /** Counts on a connection of its own, outside any transaction of the test. */
    private long countFromAnotherConnection(String actionPrefix) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "select count(*) from audit_log where action like '" + actionPrefix + "%'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean actDone(String name) {
        return jdbc.sql("select count(*) from audit_test_act where name = ?")
                        .param(name)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static Facts facts(Long actorUserId, String actorLabel, String action, long organisationId) {
        return new Facts(actorUserId, actorLabel, action, null, null, organisationId, Map.of());
    }

    /** A small builder, so that each test states only the facts it is about. */
    private record Facts(
            Long actorUserId,
            String actorLabel,
            String action,
            String targetType,
            String targetId,
            Long organisationId,
            Map<String, String> details) {

        Facts withTarget(String type, String id) {
            return new Facts(actorUserId, actorLabel, action, type, id, organisationId, details);
        }

        Facts withDetails(Map<String, String> more) {
            return new Facts(actorUserId, actorLabel, action, targetType, targetId, organisationId, more);
        }

        SomethingDone event() {
            return new SomethingDone(
                    new AuditFacts(actorUserId, actorLabel, action, targetType, targetId, organisationId, details));
        }
    }
}
