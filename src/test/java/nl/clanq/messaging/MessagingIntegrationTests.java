package nl.clanq.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import nl.clanq.IntegrationTest;
import nl.clanq.TestMail;
import nl.clanq.catalog.Catalog;
import nl.clanq.organisations.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class MessagingIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Catalog catalog;

    @Autowired
    MessageMail messageMail;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    MessageKeyRotation rotation;

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    private long startConversation(long from, long to, String subject, String body) throws Exception {
        MvcResult result = perform(post("/messages/new")
                .with(user(fixtures.principal(from)))
                .with(csrf())
                .param("to", Long.toString(to))
                .param("subject", subject)
                .param("body", body));
        assertThat(result.getResponse().getRedirectedUrl()).startsWith("/messages/");
        return Long.parseLong(result.getResponse().getRedirectedUrl().replace("/messages/", ""));
    }

    @Test
    void aMemberMessagesAnotherWhoSeesItUnreadUntilTheyOpenIt_C9() throws Exception {
        long a = fixtures.member(fixtures.organisation());
        long b = fixtures.member(fixtures.organisation());
        long id = startConversation(a, b, "Vraag over de jaarafsluiting", "Hoe doen jullie de **reserveringen**?");

        UserDetails asB = fixtures.principal(b);
        assertThat(perform(get("/messages/unread").with(user(asB)))
                        .getResponse()
                        .getContentAsString())
                .contains(">1<");
        assertThat(perform(get("/messages").with(user(asB))).getResponse().getContentAsString())
                .contains("Vraag over de jaarafsluiting")
                .contains("1 nieuw");
        assertThat(perform(get("/messages/" + id).with(user(asB))).getResponse().getContentAsString())
                .contains("<strong>reserveringen</strong>");
        assertThat(perform(get("/messages/unread").with(user(asB)))
                        .getResponse()
                        .getContentAsString())
                .doesNotContain("unread-badge");
    }

    @Test
    void backgroundPollsNeverSwapAWholePageIntoTheBadge_S9() throws Exception {
        // A registrant under review, polled from any page: nothing to swap (their next click is redirected).
        long pending = fixtures.person(Fixtures.unique("pending"));
        MvcResult poll =
                perform(get("/messages/unread").header("HX-Request", "true").with(user(fixtures.principal(pending))));
        assertThat(poll.getResponse().getStatus()).isEqualTo(204);
        // A visitor whose session ended: the whole page goes to the login, not a fragment.
        MvcResult visitor = perform(get("/messages/unread").header("HX-Request", "true"));
        assertThat(visitor.getResponse().getStatus()).isEqualTo(204);
        assertThat(visitor.getResponse().getHeader("HX-Redirect")).isEqualTo("/login");
    }

    @Test
    void theStoredBodyNeverContainsThePlaintext_S6() throws Exception {
        long a = fixtures.member(fixtures.organisation());
        long b = fixtures.member(fixtures.organisation());
        String secret = "Het BSN-nummer van medewerker X is geheim " + System.nanoTime();
        long id = startConversation(a, b, "Gevoelig", secret);

        List<String> stored = jdbc.sql("select body_encrypted from message where conversation_id = ?")
                .param(id)
                .query(String.class)
                .list();
        assertThat(stored)
                .hasSize(1)
                .allSatisfy(s -> assertThat(s).doesNotContain("BSN").doesNotContain(secret));
        assertThat(jdbc.sql("select key_id from message where conversation_id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isNotBlank();
    }

    @Test
    void bodiesUnderAnOldKeyAreReencryptedInTheBackground_S6() throws Exception {
        long a = fixtures.member(fixtures.organisation());
        long b = fixtures.member(fixtures.organisation());
        long id = startConversation(a, b, "Oude sleutel", "Nog steeds leesbaar");
        tx.executeWithoutResult(s -> jdbc.sql("update message set key_id = 'retired' where conversation_id = ?")
                .param(id)
                .update());

        while (tx.execute(s -> rotation.rekeyBatch()) > 0) {
            // until every row is under the current key
        }

        assertThat(jdbc.sql("select count(*) from message where key_id = 'retired'")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(perform(get("/messages/" + id).with(user(fixtures.principal(b))))
                        .getResponse()
                        .getContentAsString())
                .contains("Nog steeds leesbaar");
    }

    @Test
    void aNonParticipantGets404OnEveryConversationUrl_S9() throws Exception {
        long a = fixtures.member(fixtures.organisation());
        long b = fixtures.member(fixtures.organisation());
        long id = startConversation(a, b, "Tussen ons", "Alleen voor jou");
        long messageId = jdbc.sql("select id from message where conversation_id = ?")
                .param(id)
                .query(Long.class)
                .single();
        UserDetails outsider = fixtures.principal(fixtures.member(fixtures.organisation()));

        for (MockHttpServletRequestBuilder request : List.of(
                get("/messages/" + id),
                get("/messages/" + id + "/since"),
                post("/messages/" + id).param("body", "Mag ik meedoen?"),
                post("/messages/" + id + "/leave"),
                post("/messages/" + id + "/mute").param("muted", "true"),
                get("/flags/new").param("type", "message").param("id", Long.toString(messageId)),
                post("/flags")
                        .param("type", "message")
                        .param("id", Long.toString(messageId))
                        .param("reason", "SPAM"))) {
            MvcResult result = perform(request.with(user(outsider)).with(csrf()));
            assertThat(result.getResponse().getStatus())
                    .as(result.getRequest().getMethod() + " "
                            + result.getRequest().getRequestURI())
                    .isEqualTo(404);
        }
        // Staff do not read members' private conversations either.
        assertThat(perform(get("/messages/" + id).with(user(fixtures.staff())))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void aMemberWhoLeftCannotPost_S9() throws Exception {
        long a = fixtures.member(fixtures.organisation());
        long b = fixtures.member(fixtures.organisation());
        long id = startConversation(a, b, "Even overleggen", "Hallo");
        perform(post("/messages/" + id + "/leave")
                .with(user(fixtures.principal(b)))
                .with(csrf()));

        assertThat(perform(post("/messages/" + id)
                                .with(user(fixtures.principal(b)))
                                .with(csrf())
                                .param("body", "Toch nog iets"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void aBlockedMemberCanNoLongerStartAConversation_C9() throws Exception {
        long a = fixtures.member(fixtures.organisation());
        long b = fixtures.member(fixtures.organisation());
        long earlier = startConversation(a, b, "Eerder gesprek", "Hallo");
        perform(post("/members/" + a + "/block")
                .with(user(fixtures.principal(b)))
                .with(csrf())
                .param("blocked", "true"));

        MvcResult refused = perform(post("/messages/new")
                .with(user(fixtures.principal(a)))
                .with(csrf())
                .param("to", Long.toString(b))
                .param("subject", "Nog een vraag")
                .param("body", "Mijn tekst blijft staan"));
        assertThat(refused.getResponse().getContentAsString())
                .contains("Dit lid kan geen berichten ontvangen")
                .contains("Mijn tekst blijft staan");
        // The earlier conversation stays readable.
        assertThat(perform(get("/messages/" + earlier).with(user(fixtures.principal(a))))
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }

    @Test
    void membersOfAnotherCommunityCannotBeMessaged_C9() throws Exception {
        long vendor = tx.execute(s -> catalog.createVendor(
                new Catalog.VendorForm("Ver weg " + System.nanoTime(), "ver-" + System.nanoTime(), "", "", false),
                new Catalog.Actor(1, "test")));
        tx.executeWithoutResult(s -> catalog.addModule(
                vendor, new Catalog.ModuleForm("Payroll", "payroll", ""), new Catalog.Actor(1, "test")));
        long stranger = fixtures.organisation(vendor).ownerId();
        long a = fixtures.member(fixtures.organisation());

        MvcResult refused = perform(post("/messages/new")
                .with(user(fixtures.principal(a)))
                .with(csrf())
                .param("to", Long.toString(stranger))
                .param("subject", "Hallo daar")
                .param("body", "Kent u mij?"));
        assertThat(refused.getResponse().getContentAsString()).contains("Dit lid kan geen berichten ontvangen");
    }

    @Test
    void staffAnswerTheInboxAsClanqbeheer_C17() throws Exception {
        long member = fixtures.member(fixtures.organisation());
        MvcResult started = perform(post("/messages/new")
                .with(user(fixtures.principal(member)))
                .with(csrf())
                .param("staff", "true")
                .param("subject", "Vraag over mijn account")
                .param("body", "Kunnen jullie helpen?"));
        long id = Long.parseLong(started.getResponse().getRedirectedUrl().replace("/messages/", ""));

        assertThat(perform(get("/staff/inbox").with(user(fixtures.staff())))
                        .getResponse()
                        .getContentAsString())
                .contains("Vraag over mijn account");
        perform(post("/messages/" + id)
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("body", "Natuurlijk, wat is er?"));
        perform(post("/messages/" + id + "/close")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("closed", "true"));

        String seenByMember = perform(get("/messages/" + id).with(user(fixtures.principal(member))))
                .getResponse()
                .getContentAsString();
        assertThat(seenByMember)
                .contains("Clanqbeheer")
                .contains("Natuurlijk, wat is er?")
                .doesNotContain("Sanne de Wit");
        long staffId = jdbc.sql("select id from app_user where email = 'beheer@clanq.nl'")
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("select author_id from message where conversation_id = ? and as_staff_inbox")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(staffId);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'messaging.inbox.closed' and target_id = ?")
                        .param(Long.toString(id))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void overTheMessageLimitTheTextIsKept_S11() throws Exception {
        long a = fixtures.member(fixtures.organisation());
        long b = fixtures.member(fixtures.organisation());
        long id = startConversation(a, b, "Veel berichten", "1");
        MvcResult last = null;
        for (int i = 2; i <= 31; i++) {
            last = perform(post("/messages/" + id)
                    .with(user(fixtures.principal(a)))
                    .with(csrf())
                    .param("body", "Bericht " + i));
        }
        assertThat(last.getResponse().getContentAsString())
                .contains("U heeft het maximum aantal berichten bereikt")
                .contains("Bericht 31");
    }

    @Test
    void anUnreadMessageIsMailedAfterTenMinutesWithoutItsText_C9() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long a = fixtures.member(org);
        long b = fixtures.member(fixtures.organisation());
        String bEmail = jdbc.sql("select email from app_user where id = ?")
                .param(b)
                .query(String.class)
                .single();
        long id = startConversation(a, b, "Onderwerp voor de mail", "Geheime inhoud die niet in de mail mag");

        messageMail.sendDue();
        assertThat(TestMail.receivedBy(bEmail)).isEmpty();

        tx.executeWithoutResult(
                s -> jdbc.sql("update message set created_at = now() - interval '11 minutes' where conversation_id = ?")
                        .param(id)
                        .update());
        messageMail.sendDue();
        TestMail.ReceivedMail mail = TestMail.awaitMail(bEmail, "Onderwerp voor de mail");
        assertThat(mail.text()).doesNotContain("Geheime inhoud").contains("/messages/" + id);

        messageMail.sendDue(); // at most once an hour per conversation
        Thread.sleep(600);
        assertThat(TestMail.receivedBy(bEmail)).hasSize(1);
    }
}
