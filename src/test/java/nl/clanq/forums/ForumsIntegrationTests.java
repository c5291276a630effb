package nl.clanq.forums;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import nl.clanq.IntegrationTest;
import nl.clanq.QueryCounter;
import nl.clanq.TestMail;
import nl.clanq.catalog.Catalog;
import nl.clanq.catalog.ModuleView;
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
class ForumsIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Catalog catalog;

    @Autowired
    Posting posting;

    @Autowired
    ForumAccess access;

    @Autowired
    Forums forums;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    TopicViews views;

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    private List<ModuleView> modules() {
        return fixtures.modules();
    }

    /** The forum of the demo vendor's n-th module. */
    private ForumRef forum(int n) {
        long moduleId = modules().get(n).id();
        long id = jdbc.sql("select id from forum where module_id = ?")
                .param(moduleId)
                .query(Long.class)
                .single();
        return forums.forumById(id).orElseThrow();
    }

    /** An organisation holding a licence for the demo vendor's n-th module too. */
    private Fixtures.Org orgWithLicence(int n) {
        Fixtures.Org org = fixtures.organisation();
        grant(org, n);
        return org;
    }

    private void grant(Fixtures.Org org, int n) {
        tx.executeWithoutResult(s -> jdbc.sql(
                        "insert into licence (membership_id, module_id, confirmed_at) values (?, ?, now()) on conflict do nothing")
                .params(org.membershipId(), modules().get(n).id())
                .update());
    }

    private long ask(long userId, ForumRef forum, String title) {
        return tx.execute(s -> posting.ask(
                new Posting.Actor(access.reader(userId, false), "test"), forum, title, "Hoe los ik dit op?"));
    }

    private long reply(long userId, long topicId, String body) {
        return tx.execute(s -> posting.reply(new Posting.Actor(access.reader(userId, false), "test"), topicId, body));
    }

    @Test
    void addingAModuleCreatesItsForum_C2() throws Exception {
        long vendorId = fixtures.vendor().id();
        String name = "Module " + System.nanoTime();
        long moduleId = tx.execute(s -> catalog.addModule(
                vendorId,
                new Catalog.ModuleForm(name, "module-" + System.nanoTime(), ""),
                new Catalog.Actor(1, "test")));

        assertThat(jdbc.sql("select name from forum where module_id = ?")
                        .param(moduleId)
                        .query(String.class)
                        .single())
                .isEqualTo(name);
        assertThat(perform(get("/forums").with(user(fixtures.staff())))
                        .getResponse()
                        .getContentAsString())
                .contains(name);
    }

    /**
     * The forums a licence opens are kept in memory; a forum opened for a new module counts for its
     * licensed members from the next request, like the licence itself.
     */
    @Test
    void aNewModulesForumOpensToItsLicensedMembersAtOnce_C2_C5() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        UserDetails reader = fixtures.principal(member);
        assertThat(perform(get("/forums").with(user(reader))).getResponse().getStatus())
                .isEqualTo(200);
        String name = "Verzuim " + System.nanoTime();
        long moduleId = tx.execute(s -> catalog.addModule(
                fixtures.vendor().id(),
                new Catalog.ModuleForm(name, "verzuim-" + System.nanoTime(), ""),
                new Catalog.Actor(1, "test")));
        tx.executeWithoutResult(
                s -> jdbc.sql("insert into licence (membership_id, module_id, confirmed_at) values (?, ?, now())")
                        .params(org.membershipId(), moduleId)
                        .update());
        long forumId = jdbc.sql("select id from forum where module_id = ?")
                .param(moduleId)
                .query(Long.class)
                .single();

        assertThat(access.reader(member, false).readableForumIds()).contains(forumId);
        String slug = jdbc.sql("select slug from forum where id = ?")
                .param(forumId)
                .query(String.class)
                .single();
        MvcResult forumPage =
                perform(get("/forums/" + fixtures.vendor().slug() + "/" + slug).with(user(reader)));
        assertThat(forumPage.getResponse().getStatus()).isEqualTo(200);
        assertThat(forumPage.getResponse().getContentAsString()).contains(name).doesNotContain("Geen toegang");
    }

    @Test
    void aMemberWithoutTheLicenceGets404OnEveryUrlOfTheForumsContent_C5_S9() throws Exception {
        Fixtures.Org licensed = orgWithLicence(1);
        long author = fixtures.member(licensed);
        ForumRef locked = forum(1);
        long topicId = ask(author, locked, "Vraag in een forum met licentie");
        long replyId = reply(licensed.ownerId(), topicId, "Een antwoord");

        Fixtures.Org other = fixtures.organisation(); // licence for module 0 only
        UserDetails outsider = fixtures.principal(fixtures.member(other));
        for (MockHttpServletRequestBuilder request : List.of(
                get("/topics/" + topicId),
                get("/topics/" + topicId).param("page", "2"),
                get("/posts/" + replyId),
                get("/posts/" + replyId + "/edit"),
                get("/posts/" + replyId + "/revisions"),
                get(locked.path() + "/new"),
                post(locked.path() + "/new")
                        .param("title", "Toch een vraag stellen")
                        .param("body", "x"),
                post(locked.path() + "/read"),
                post("/topics/" + topicId + "/replies").param("body", "Ik wil ook iets zeggen"),
                post("/posts/" + replyId + "/accept"))) {
            MvcResult result = perform(request.with(user(outsider)).with(csrf()));
            assertThat(result.getResponse().getStatus())
                    .as(result.getRequest().getMethod() + " "
                            + result.getRequest().getRequestURI())
                    .isEqualTo(404);
        }
        // The forum itself shows as locked (C6), without any of its topics.
        String page =
                perform(get(locked.path()).with(user(outsider))).getResponse().getContentAsString();
        assertThat(page).contains("Geen toegang").doesNotContain("Vraag in een forum met licentie");
        assertThat(jdbc.sql("select reply_count from topic where id = ?")
                        .param(topicId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aMemberOfAnotherVendorCommunitySeesNothingOfThisOne_S9() throws Exception {
        long vendor = tx.execute(s -> catalog.createVendor(
                new Catalog.VendorForm(
                        "Andere leverancier " + System.nanoTime(), "andere-" + System.nanoTime(), "", "", false),
                new Catalog.Actor(1, "test")));
        tx.executeWithoutResult(s -> catalog.addModule(
                vendor, new Catalog.ModuleForm("Payroll", "payroll", ""), new Catalog.Actor(1, "test")));
        Fixtures.Org elsewhere = fixtures.organisation(vendor);
        UserDetails stranger = fixtures.principal(elsewhere.ownerId());
        ForumRef demoForum = forum(0);
        long topicId = ask(fixtures.member(fixtures.organisation()), demoForum, "Vraag in de demo-community");

        assertThat(perform(get(demoForum.path()).with(user(stranger)))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(perform(get("/topics/" + topicId).with(user(stranger)))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(perform(get("/forums").with(user(stranger))).getResponse().getContentAsString())
                .doesNotContain(demoForum.name())
                .doesNotContain("Personeelsplein");
    }

    @Test
    void aLicenceCountsFromTheNextRequest_C5() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        UserDetails member = fixtures.principal(fixtures.member(org));
        long topicId = ask(fixtures.member(orgWithLicence(2)), forum(2), "Vraag over een andere module");
        assertThat(perform(get("/topics/" + topicId).with(user(member)))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);

        grant(org, 2);

        assertThat(perform(get("/topics/" + topicId).with(user(member)))
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }

    @Test
    void aLockedForumListsColleaguesWhoHaveAccess_C6() throws Exception {
        Fixtures.Org withAccess = orgWithLicence(3);
        long colleague = fixtures.member(withAccess);
        String colleagueName = jdbc.sql("select first_name || ' ' || last_name from app_user where id = ?")
                .param(colleague)
                .query(String.class)
                .single();
        UserDetails asker = fixtures.principal(fixtures.member(fixtures.organisation()));

        String page =
                perform(get(forum(3).path()).with(user(asker))).getResponse().getContentAsString();

        assertThat(page)
                .contains(
                        "geen licentie heeft voor de module " + modules().get(3).name())
                .contains(colleagueName)
                .contains("/messages/new?to=" + colleague + "&subject=");
    }

    @Test
    void theAskerMarksOneReplyAsTheAnswerAndTheListShowsItSolved_C7() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long asker = fixtures.member(org);
        Fixtures.Org otherOrg = fixtures.organisation();
        long helper = fixtures.member(otherOrg);

        MvcResult asked = perform(post(forum(0).path() + "/new")
                .with(user(fixtures.principal(asker)))
                .with(csrf())
                .param("title", "Loonstrook toont verkeerde reservering vakantiegeld")
                .param("body", "Sinds de laatste update klopt de **reservering** niet."));
        long topicId = Long.parseLong(asked.getResponse().getRedirectedUrl().replace("/topics/", ""));
        MvcResult replied = perform(post("/topics/" + topicId + "/replies")
                .with(user(fixtures.principal(helper)))
                .with(csrf())
                .param("body", "Controleer de grondslag in de tabel **Reserveringen**."));
        long replyId = Long.parseLong(replied.getResponse().getRedirectedUrl().replace("/posts/", ""));

        // Only the asker (or staff) may accept.
        assertThat(perform(post("/posts/" + replyId + "/accept")
                                .with(user(fixtures.principal(helper)))
                                .with(csrf()))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        perform(post("/posts/" + replyId + "/accept")
                .with(user(fixtures.principal(asker)))
                .with(csrf()));

        assertThat(jdbc.sql("select accepted_post_id from topic where id = ?")
                        .param(topicId)
                        .query(Long.class)
                        .single())
                .isEqualTo(replyId);
        String topicPage = perform(get("/topics/" + topicId).with(user(fixtures.principal(helper))))
                .getResponse()
                .getContentAsString();
        assertThat(topicPage).contains("Geaccepteerd antwoord van").contains("<strong>Reserveringen</strong>");
        String list = perform(get(forum(0).path()).param("filter", "solved").with(user(fixtures.principal(helper))))
                .getResponse()
                .getContentAsString();
        assertThat(list).contains("Loonstrook toont verkeerde reservering vakantiegeld");
    }

    /** The header offers the organisation's pages to its owner only (G2), on a member page too. */
    @Test
    void theHeaderLinksTheOrganisationPagesForTheOwnerOnly_G2() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long colleague = fixtures.member(org);
        long topic = ask(colleague, forum(0), "Onderwerp voor de kop van de pagina");

        String owners = perform(
                        get("/topics/" + topic).param("page", "1").with(user(fixtures.principal(org.ownerId()))))
                .getResponse()
                .getContentAsString();
        String colleagues = perform(
                        get("/topics/" + topic).param("page", "1").with(user(fixtures.principal(colleague))))
                .getResponse()
                .getContentAsString();
        assertThat(owners).contains("href=\"/organisation\"");
        assertThat(colleagues).contains("href=\"/start\"").doesNotContain("href=\"/organisation\"");
    }

    /** The accepted answer is quoted under the question, also when it is on a later page. */
    @Test
    void anAcceptedAnswerOnALaterPageIsShownUnderTheQuestion_C7() throws Exception {
        long asker = fixtures.member(fixtures.organisation());
        long helper = fixtures.member(fixtures.organisation());
        long topic = ask(asker, forum(0), "Vraag met het antwoord op de tweede pagina");
        for (int i = 0; i < Forums.POSTS_PER_PAGE; i++) {
            reply(asker, topic, "Aanvulling " + i);
        }
        long answer = reply(helper, topic, "Zet het vinkje **Herberekenen** aan.");
        perform(post("/posts/" + answer + "/accept")
                .with(user(fixtures.principal(asker)))
                .with(csrf()));

        String first = perform(get("/topics/" + topic).param("page", "1").with(user(fixtures.principal(helper))))
                .getResponse()
                .getContentAsString();
        assertThat(first).contains("Geaccepteerd antwoord van").contains("<strong>Herberekenen</strong>");
        String second = perform(get("/topics/" + topic).param("page", "2").with(user(fixtures.principal(helper))))
                .getResponse()
                .getContentAsString();
        assertThat(second).contains("<strong>Herberekenen</strong>").doesNotContain("Geaccepteerd antwoord van");
    }

    @Test
    void anEditKeepsTheEarlierVersionAndADeletedQuestionKeepsItsReplies_C7() throws Exception {
        long author = fixtures.member(fixtures.organisation());
        long topicId = ask(author, forum(0), "Vraag die later wordt aangepast");
        long questionId = jdbc.sql("select id from post where topic_id = ? and position = 0")
                .param(topicId)
                .query(Long.class)
                .single();
        reply(fixtures.member(fixtures.organisation()), topicId, "Een reactie");
        UserDetails asAuthor = fixtures.principal(author);

        perform(post("/posts/" + questionId + "/edit")
                .with(user(asAuthor))
                .with(csrf())
                .param("body", "Nieuwe tekst"));
        assertThat(perform(get("/posts/" + questionId + "/revisions").with(user(asAuthor)))
                        .getResponse()
                        .getContentAsString())
                .contains("Hoe los ik dit op?")
                .contains("Nieuwe tekst");

        perform(post("/posts/" + questionId + "/delete").with(user(asAuthor)).with(csrf()));
        String page = perform(get("/topics/" + topicId).with(user(asAuthor)))
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Verwijderd door de auteur.").contains("Een reactie");
    }

    @Test
    void staffEditNeedsAReasonKeepsTheRevisionShowsTheReasonAndMailsTheAuthor_C13() throws Exception {
        long author = fixtures.member(fixtures.organisation());
        String email = jdbc.sql("select email from app_user where id = ?")
                .param(author)
                .query(String.class)
                .single();
        long topicId = ask(author, forum(0), "Vraag met een telefoonnummer erin");
        long replyId = reply(author, topicId, "Bel mij op 06-12345678");

        // Without a reason nothing changes.
        assertThat(perform(post("/posts/" + replyId + "/edit")
                                .with(user(fixtures.staff()))
                                .with(csrf())
                                .param("body", "Neem contact op via een bericht")
                                .param("reason", " "))
                        .getResponse()
                        .getContentAsString())
                .contains("Geef de reden van de bewerking.");
        assertThat(jdbc.sql("select body_source from post where id = ?")
                        .param(replyId)
                        .query(String.class)
                        .single())
                .isEqualTo("Bel mij op 06-12345678");

        perform(post("/posts/" + replyId + "/edit")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("body", "Neem contact op via een bericht")
                .param("reason", "Persoonsgegevens verwijderd"));

        String page = perform(get("/topics/" + topicId).with(user(fixtures.principal(author))))
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Neem contact op via een bericht")
                .contains("bewerkt door Clanqbeheer")
                .contains("Persoonsgegevens verwijderd")
                .doesNotContain("06-12345678");
        assertThat(perform(get("/posts/" + replyId + "/revisions").with(user(fixtures.principal(author))))
                        .getResponse()
                        .getContentAsString())
                .contains("06-12345678");

        TestMail.ReceivedMail mail = TestMail.awaitMail(email, "Clanqbeheer heeft uw bericht aangepast");
        assertThat(mail.text())
                .contains("Vraag met een telefoonnummer erin")
                .contains("Persoonsgegevens verwijderd")
                .contains("/posts/" + replyId)
                .doesNotContain("06-12345678");
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'forum.post.edited-by-staff' and target_id = ?")
                        .param(String.valueOf(replyId))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void markdownIsSanitisedWhenSaved_S1() throws Exception {
        long author = fixtures.member(fixtures.organisation());
        long topicId = ask(author, forum(0), "Vraag met verdachte opmaak erin");
        long postId = reply(
                author,
                topicId,
                "<script>alert(1)</script> [klik](javascript:alert(2)) ![x](https://www.example.nl/x.png)");
        String html = jdbc.sql("select body_html from post where id = ?")
                .param(postId)
                .query(String.class)
                .single();
        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("href=\"javascript")
                .doesNotContain("<img");
    }

    @Test
    void aPermalinkLandsOnThePageOfItsPost_C7() throws Exception {
        long author = fixtures.member(fixtures.organisation());
        long topicId = ask(author, forum(0), "Lange discussie over de jaarafsluiting");
        long last = 0;
        for (int i = 1; i <= 24; i++) {
            last = reply(author, topicId, "Reactie " + i);
        }
        MvcResult link = perform(get("/posts/" + last).with(user(fixtures.principal(author))));
        assertThat(link.getResponse().getRedirectedUrl()).isEqualTo("/topics/" + topicId + "?page=2#post-" + last);
        assertThat(perform(get("/topics/" + topicId).param("page", "2").with(user(fixtures.principal(author))))
                        .getResponse()
                        .getContentAsString())
                .contains("Reactie 24")
                .doesNotContain(">Reactie 5<");
    }

    @Test
    void listPagesCostAFixedNumberOfQueries() throws Exception {
        long author = fixtures.member(fixtures.organisation());
        UserDetails reader = fixtures.principal(author);
        ForumRef f = forum(0);
        long topic = ask(author, f, "Onderwerp om queries te tellen");
        reply(author, topic, "Eerste reactie");

        int indexFew = count(get("/forums"), reader);
        int forumFew = count(get(f.path()), reader);
        int topicFew = count(get("/topics/" + topic).param("page", "1"), reader);
        for (int i = 0; i < 12; i++) {
            long t = ask(author, f, "Nog een onderwerp nummer " + i);
            reply(author, t, "Reactie");
            reply(author, topic, "Reactie " + i);
        }
        assertThat(count(get("/forums"), reader)).isEqualTo(indexFew);
        assertThat(count(get(f.path()), reader)).isEqualTo(forumFew);
        assertThat(count(get("/topics/" + topic).param("page", "1"), reader)).isEqualTo(topicFew);
    }

    /**
     * Views are counted apart and added to the topic in rounds: a reader's view takes no lock on
     * the topic, and after the round the forum page shows every view, of every reader (issue #10).
     */
    @Test
    void everyViewOfATopicIsCountedOnTheForumPage() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long author = fixtures.member(org);
        long reader = fixtures.member(org);
        ForumRef f = forum(0);
        long topic = ask(author, f, "Onderwerp dat vaak bekeken wordt " + System.nanoTime());
        views.flush();

        for (int i = 0; i < 3; i++) {
            assertThat(perform(get("/topics/" + topic).param("page", "1").with(user(fixtures.principal(reader))))
                            .getResponse()
                            .getStatus())
                    .isEqualTo(200);
        }
        perform(get("/topics/" + topic).with(user(fixtures.principal(author))));
        assertThat(viewCount(topic)).as("counted apart, not on the topic row").isZero();

        views.flush();
        assertThat(viewCount(topic)).isEqualTo(4);
        String forumPage = perform(get(f.path()).with(user(fixtures.principal(reader))))
                .getResponse()
                .getContentAsString();
        assertThat(forumPage).containsPattern("(?s)Onderwerp dat vaak bekeken wordt.*?0 reacties · 4 keer bekeken");
    }

    /**
     * Re-reading a page adds no write: the read mark moves only forward, and its time (the digest's
     * "visited since") only once it is ten minutes old.
     */
    @Test
    void rereadingATopicWritesItsReadMarkOnlyWhenItMovesOrIsTenMinutesOld() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long author = fixtures.member(org);
        long reader = fixtures.member(org);
        long topic = ask(author, forum(0), "Onderwerp dat opnieuw gelezen wordt");
        perform(get("/topics/" + topic).param("page", "1").with(user(fixtures.principal(reader))));
        OffsetDateTime fiveMinutesAgo = OffsetDateTime.now().minusMinutes(5).truncatedTo(ChronoUnit.MILLIS);
        jdbc.sql("update topic_read set read_at = ? where user_id = ? and topic_id = ?")
                .params(fiveMinutesAgo, reader, topic)
                .update();

        perform(get("/topics/" + topic).param("page", "1").with(user(fixtures.principal(reader))));
        assertThat(readAt(reader, topic)).isEqualTo(fiveMinutesAgo.toInstant());

        reply(author, topic, "Een nieuw antwoord");
        perform(get("/topics/" + topic).param("page", "1").with(user(fixtures.principal(reader))));
        assertThat(readAt(reader, topic)).isAfter(fiveMinutesAgo.toInstant());
        assertThat(jdbc.sql("select last_position from topic_read where user_id = ? and topic_id = ?")
                        .params(reader, topic)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        OffsetDateTime elevenMinutesAgo = OffsetDateTime.now().minusMinutes(11);
        jdbc.sql("update topic_read set read_at = ? where user_id = ? and topic_id = ?")
                .params(elevenMinutesAgo, reader, topic)
                .update();
        perform(get("/topics/" + topic).param("page", "1").with(user(fixtures.principal(reader))));
        assertThat(readAt(reader, topic)).isAfter(elevenMinutesAgo.toInstant().plusSeconds(600));
    }

    private int viewCount(long topic) {
        return jdbc.sql("select view_count from topic where id = ?")
                .param(topic)
                .query(Integer.class)
                .single();
    }

    private Instant readAt(long user, long topic) {
        return jdbc.sql("select read_at from topic_read where user_id = ? and topic_id = ?")
                .params(user, topic)
                .query(OffsetDateTime.class)
                .single()
                .toInstant()
                .truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A topic page read with a real session (Spring Session in the database, every per-request
     * check of a member) costs a small, fixed number of statements: each is a round trip to the
     * database on the most visited page (issue #10).
     */
    @Test
    void aTopicPageReadWithASessionStaysWithinItsStatementBudget() throws Exception {
        long author = fixtures.member(fixtures.organisation());
        ForumRef f = forum(0);
        long topic = ask(author, f, "Onderwerp met een sessie gelezen");
        for (int i = 0; i < 25; i++) {
            reply(author, topic, "Reactie met wat meer tekst, zodat de pagina groter wordt dan een buffer " + i);
        }
        MvcResult login = perform(post("/login")
                .with(csrf())
                .with(request -> {
                    request.setRemoteAddr("192.0.2.77");
                    return request;
                })
                .param(
                        "email",
                        jdbc.sql("select email from app_user where id = ?")
                                .param(author)
                                .query(String.class)
                                .single())
                .param("password", Fixtures.PASSWORD));
        assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/start");
        jakarta.servlet.http.Cookie session = login.getResponse().getCookie("CLANQ_SESSION");
        perform(get("/topics/" + topic).param("page", "1").cookie(session));

        QueryCounter.start();
        MvcResult page = perform(get("/topics/" + topic).param("page", "2").cookie(session));
        int statements = QueryCounter.stop();
        assertThat(page.getResponse().getContentAsString()).contains("buffer 24");
        // The session, the guards (block; the reader's policy, standing and licences in one, which
        // also tells the header whether the reader owns their organisation), then the topic with its
        // forum, the posts and the read mark. The view is counted in memory, a session used within
        // the minute is not written, the session remembers that the terms in force were accepted,
        // the forums a licence opens are known in memory, and a topic that was never moved or merged
        // into has no history to read.
        assertThat(statements).isLessThanOrEqualTo(6);
    }

    private int count(MockHttpServletRequestBuilder request, UserDetails reader) throws Exception {
        QueryCounter.start();
        perform(request.with(user(reader)));
        return QueryCounter.stop();
    }
}
