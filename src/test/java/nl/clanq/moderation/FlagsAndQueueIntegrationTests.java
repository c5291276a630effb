package nl.clanq.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import nl.clanq.IntegrationTest;
import nl.clanq.QueryCounter;
import nl.clanq.TestMail;
import nl.clanq.forums.ForumAccess;
import nl.clanq.forums.ForumRef;
import nl.clanq.forums.Forums;
import nl.clanq.forums.Posting;
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
class FlagsAndQueueIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Posting posting;

    @Autowired
    ForumAccess access;

    @Autowired
    Forums forums;

    @Autowired
    TransactionTemplate tx;

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    private String page(UserDetails who, String url) throws Exception {
        MvcResult result = perform(get(url).with(user(who)));
        assertThat(result.getResponse().getStatus()).as(url).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    /** The forum the fixture organisations hold a licence for. */
    private ForumRef forum() {
        long moduleId = fixtures.modules().getFirst().id();
        long id = jdbc.sql("select id from forum where module_id = ?")
                .param(moduleId)
                .query(Long.class)
                .single();
        return forums.forumById(id).orElseThrow();
    }

    private long ask(long userId, String title) {
        return tx.execute(s -> posting.ask(
                new Posting.Actor(access.reader(userId, false), "test"), forum(), title, "Hoe los ik dit op?"));
    }

    private long reply(long userId, long topicId, String body) {
        return tx.execute(s -> posting.reply(new Posting.Actor(access.reader(userId, false), "test"), topicId, body));
    }

    private MvcResult flag(long reporter, String type, long id, String reason, String text) throws Exception {
        return perform(post("/flags")
                .param("type", type)
                .param("id", Long.toString(id))
                .param("reason", reason)
                .param("text", text)
                .with(user(fixtures.principal(reporter)))
                .with(csrf()));
    }

    private Long pendingFlag(String type, long id) {
        return jdbc.sql("select id from flag where target_type = ? and target_id = ? and status = 'PENDING'")
                .params(type.toUpperCase(), id)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    private MvcResult act(UserDetails staff, long flagId, String action, String reason) throws Exception {
        return perform(post("/staff/moderation/" + flagId + "/" + action)
                .param("reason", reason)
                .with(user(staff))
                .with(csrf()));
    }

    /** A topic with a reply by a member of another organisation, and two would-be reporters. */
    private record Scene(long topicId, long replyId, long author, long reporter1, long reporter2) {}

    private Scene scene(String title) {
        Fixtures.Org a = fixtures.organisation();
        Fixtures.Org b = fixtures.organisation();
        long asker = fixtures.member(a);
        long author = fixtures.member(b);
        long topicId = ask(asker, title);
        long replyId = reply(author, topicId, "Koop nu goedkope horloges via mijn site!");
        return new Scene(topicId, replyId, author, asker, a.ownerId());
    }

    @Test
    void reportsOnTheSameItemJoinIntoOneQueueItemWithACount_C10() throws Exception {
        Scene s = scene("Vraag over de jaaropgave van dit jaar");

        MvcResult first = flag(s.reporter1(), "post", s.replyId(), "SPAM", "");
        assertThat(first.getResponse().getRedirectedUrl()).isEqualTo("/posts/" + s.replyId());
        flag(s.reporter2(), "post", s.replyId(), "OFFENSIVE", "Reclame");
        flag(s.reporter1(), "post", s.replyId(), "OTHER", "Nog eens"); // the same member again

        Long flagId = pendingFlag("post", s.replyId());
        assertThat(flagId).isNotNull();
        assertThat(jdbc.sql("select report_count from flag where id = ?")
                        .param(flagId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        String queue = page(fixtures.staff(), "/staff/moderation");
        assertThat(queue)
                .contains("Vraag over de jaaropgave van dit jaar", "Spam of reclame", "Beledigend of ongepast");
        String item = page(fixtures.staff(), "/staff/moderation/" + flagId);
        assertThat(item).contains("Koop nu goedkope horloges", "Meldingen (2)", "Reclame");
    }

    @Test
    void membersCannotReportWhatTheyCannotReadNorTheirOwnPost_S9() throws Exception {
        // A topic in a forum whose licence only the asker's organisation holds.
        Fixtures.Org licensed = fixtures.organisation();
        long moduleId = fixtures.modules().get(1).id();
        tx.executeWithoutResult(st -> jdbc.sql(
                        "insert into licence (membership_id, module_id, confirmed_at) values (?, ?, now()) on conflict do nothing")
                .params(licensed.membershipId(), moduleId)
                .update());
        ForumRef locked = forums.forumById(jdbc.sql("select id from forum where module_id = ?")
                        .param(moduleId)
                        .query(Long.class)
                        .single())
                .orElseThrow();
        long author = fixtures.member(licensed);
        long topicId = tx.execute(st -> posting.ask(
                new Posting.Actor(access.reader(author, false), "test"),
                locked,
                "Vraag in een afgeschermd forum",
                "?"));
        long replyId = reply(author, topicId, "Een antwoord in het afgeschermde forum");
        long withoutLicence = fixtures.member(fixtures.organisation());

        for (long who : new long[] {withoutLicence, author}) {
            assertThat(perform(get("/flags/new")
                                    .param("type", "post")
                                    .param("id", Long.toString(replyId))
                                    .with(user(fixtures.principal(who))))
                            .getResponse()
                            .getStatus())
                    .isEqualTo(404);
            assertThat(flag(who, "post", replyId, "SPAM", "").getResponse().getStatus())
                    .isEqualTo(404);
        }
        assertThat(pendingFlag("post", replyId)).isNull();
    }

    @Test
    void somethingElseNeedsAnExplanation_C10() throws Exception {
        Scene s = scene("Vraag over de koppeling met de bank");

        MvcResult result = flag(s.reporter1(), "post", s.replyId(), "OTHER", " ");

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentAsString()).contains("Beschrijf kort wat er mis is.");
        assertThat(pendingFlag("post", s.replyId())).isNull();
    }

    @Test
    void dismissingClosesTheItemWithWhoAndWhyAndTellsTheReporters_C10_S8() throws Exception {
        Scene s = scene("Vraag over het exporteren van de loonstrook");
        flag(s.reporter1(), "post", s.replyId(), "SPAM", "");
        long flagId = pendingFlag("post", s.replyId());
        String reporterEmail = jdbc.sql("select email from app_user where id = ?")
                .param(s.reporter1())
                .query(String.class)
                .single();

        MvcResult result = act(fixtures.staff(), flagId, "dismiss", "Geen reclame, wel een bruikbare tip");

        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/staff/moderation");
        record Closed(String status, String resolution, String resolutionNote, Long resolvedBy) {}
        Closed closed = jdbc.sql("select status, resolution, resolution_note, resolved_by from flag where id = ?")
                .param(flagId)
                .query(Closed.class)
                .single();
        assertThat(closed.status()).isEqualTo("HANDLED");
        assertThat(closed.resolution()).isEqualTo("DISMISSED");
        assertThat(closed.resolutionNote()).isEqualTo("Geen reclame, wel een bruikbare tip");
        assertThat(closed.resolvedBy()).isNotNull();
        assertThat(TestMail.awaitMail(reporterEmail, "Uw melding is afgehandeld")
                        .text())
                .contains("geen actie nodig");
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'moderation.flag.resolved' and target_id = ?")
                        .param(Long.toString(flagId))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(page(fixtures.staff(), "/staff/moderation?status=handled")).contains("Afgewezen");
    }

    @Test
    void anItemHandledByAColleagueIsNotHandledTwice_C10() throws Exception {
        Scene s = scene("Vraag over het bijwerken van de CAO-tabellen");
        flag(s.reporter1(), "post", s.replyId(), "SPAM", "");
        long flagId = pendingFlag("post", s.replyId());
        act(fixtures.staff(), flagId, "dismiss", "In orde");

        MvcResult second = act(fixtures.principalByEmail("moderator@clanq.nl"), flagId, "delete", "Toch spam");

        assertThat(second.getResponse().getRedirectedUrl()).isEqualTo("/staff/moderation/" + flagId);
        assertThat(posting(s.replyId()).deleted()).isFalse();
    }

    private nl.clanq.forums.ForumViews.PostView posting(long postId) {
        return forums.post(access.reader(1, true), postId);
    }

    @Test
    void aHiddenPostShowsANoticeToOthersWhileItsAuthorStillReadsIt_C10() throws Exception {
        Scene s = scene("Vraag over het rooster in de zomer");
        flag(s.reporter1(), "post", s.replyId(), "OFFENSIVE", "");
        long flagId = pendingFlag("post", s.replyId());

        act(fixtures.principalByEmail("moderator@clanq.nl"), flagId, "hide", "Toon is niet in orde");

        String asOther = page(fixtures.principal(s.reporter2()), "/topics/" + s.topicId());
        assertThat(asOther)
                .contains("Dit bericht is verborgen door Clanqbeheer.")
                .doesNotContain("goedkope horloges");
        String asAuthor = page(fixtures.principal(s.author()), "/topics/" + s.topicId());
        assertThat(asAuthor).contains("goedkope horloges", "Toon is niet in orde");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'forum.post.hidden' and target_id = ?")
                        .param(Long.toString(s.replyId()))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void staffEditFromTheQueueKeepsTheRevisionAndShowsTheReason_C13() throws Exception {
        Scene s = scene("Vraag over de salarisstrook met BSN");
        flag(s.reporter1(), "post", s.replyId(), "PERSONAL_DATA", "");
        long flagId = pendingFlag("post", s.replyId());

        perform(post("/staff/moderation/" + flagId + "/edit")
                .param("body", "Koop nu via [verwijderd]")
                .param("reason", "Link verwijderd")
                .with(user(fixtures.staff()))
                .with(csrf()));

        assertThat(jdbc.sql("select body_source from post_revision where post_id = ?")
                        .param(s.replyId())
                        .query(String.class)
                        .list())
                .containsExactly("Koop nu goedkope horloges via mijn site!");
        assertThat(page(fixtures.principal(s.reporter2()), "/topics/" + s.topicId()))
                .contains("Koop nu via [verwijderd]", "Link verwijderd");
        assertThat(jdbc.sql("select resolution from flag where id = ?")
                        .param(flagId)
                        .query(String.class)
                        .single())
                .isEqualTo("EDITED");
    }

    @Test
    void aReasonIsRequiredForEveryAct_C10() throws Exception {
        Scene s = scene("Vraag over de pensioenaangifte");
        flag(s.reporter1(), "post", s.replyId(), "SPAM", "");
        long flagId = pendingFlag("post", s.replyId());

        MvcResult result = act(fixtures.staff(), flagId, "delete", "  ");

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentAsString()).contains("Geef een reden op.");
        assertThat(pendingFlag("post", s.replyId())).isEqualTo(flagId);
        assertThat(posting(s.replyId()).deleted()).isFalse();
    }

    @Test
    void deletingATopicFromTheQueueRemovesItForMembers_C10() throws Exception {
        Scene s = scene("Goedkope cursussen HR-software bij ons");
        flag(s.reporter2(), "topic", s.topicId(), "SPAM", "");
        long flagId = pendingFlag("topic", s.topicId());

        act(fixtures.staff(), flagId, "delete-topic", "Spam");

        assertThat(perform(get("/topics/" + s.topicId()).with(user(fixtures.principal(s.reporter2()))))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(page(fixtures.principal(s.reporter2()), forum().path()))
                .doesNotContain("Goedkope cursussen HR-software bij ons");
        assertThat(perform(get("/topics/" + s.topicId()).with(user(fixtures.staff())))
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }

    @Test
    void aReportedMessageReachesStaffOnlyThroughTheQueue_S9() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long writer = fixtures.member(org);
        long reader = org.ownerId();
        long conversation = fixtures.conversation(writer, reader);
        long messageId = jdbc.sql("select id from message where conversation_id = ?")
                .param(conversation)
                .query(Long.class)
                .single();

        flag(reader, "message", messageId, "OFFENSIVE", "Ongepast");
        long flagId = pendingFlag("message", messageId);

        assertThat(page(fixtures.staff(), "/staff/moderation/" + flagId)).contains("Hallo, heb je even?");
        assertThat(perform(get("/messages/" + conversation).with(user(fixtures.staff())))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);

        act(fixtures.staff(), flagId, "hide", "Ongepast");

        assertThat(page(fixtures.principal(reader), "/messages/" + conversation))
                .contains("Dit bericht is verborgen door Clanqbeheer.")
                .doesNotContain("Hallo, heb je even?");
        assertThat(page(fixtures.principal(writer), "/messages/" + conversation))
                .contains("Hallo, heb je even?");
    }

    @Test
    void aProfileCanBeReportedByAMemberOfTheSameCommunity_C10() throws Exception {
        Fixtures.Org a = fixtures.organisation();
        Fixtures.Org b = fixtures.organisation();
        long reported = fixtures.member(b);

        assertThat(flag(a.ownerId(), "profile", reported, "OFFENSIVE", "")
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/members/" + reported);
        Long flagId = pendingFlag("profile", reported);
        assertThat(flagId).isNotNull();

        act(fixtures.staff(), flagId, "hide-profile", "Ongepaste tekst");

        assertThat(jdbc.sql("select bio from app_user where id = ?")
                        .param(reported)
                        .query(String.class)
                        .single())
                .isNullOrEmpty();
    }

    @Test
    void aTopicInTheWrongForumMovesFromTheQueueAfterConfirmingTheLicenceGap_C13() throws Exception {
        Scene s = scene("Vraag die eigenlijk over verlof gaat");
        flag(s.reporter2(), "topic", s.topicId(), "WRONG_FORUM", "");
        long flagId = pendingFlag("topic", s.topicId());
        long target = jdbc.sql("select id from forum where module_id = ?")
                .param(fixtures.modules().get(1).id())
                .query(Long.class)
                .single();
        assertThat(page(fixtures.staff(), "/staff/moderation/" + flagId)).contains("Naar forum");

        MvcResult unconfirmed = perform(post("/staff/moderation/" + flagId + "/move")
                .param("forum", Long.toString(target))
                .param("reason", "Hoort bij verlof")
                .with(user(fixtures.staff()))
                .with(csrf()));
        assertThat(unconfirmed.getResponse().getContentAsString()).contains("geen licentie voor dat forum");
        assertThat(pendingFlag("topic", s.topicId())).isEqualTo(flagId);

        perform(post("/staff/moderation/" + flagId + "/move")
                .param("forum", Long.toString(target))
                .param("reason", "Hoort bij verlof")
                .param("confirm", "true")
                .with(user(fixtures.staff()))
                .with(csrf()));

        assertThat(jdbc.sql("select forum_id from topic where id = ?")
                        .param(s.topicId())
                        .query(Long.class)
                        .single())
                .isEqualTo(target);
        assertThat(jdbc.sql("select resolution from flag where id = ?")
                        .param(flagId)
                        .query(String.class)
                        .single())
                .isEqualTo("MOVED");
        // The asker's organisation has no licence there, yet the asker keeps their own topic.
        assertThat(page(fixtures.principal(s.reporter1()), "/topics/" + s.topicId()))
                .contains("Vraag die eigenlijk over verlof gaat", "Hoort bij verlof");
    }

    @Autowired
    Sanctions sanctions;

    @Test
    void aWarningFromTheQueueArrivesAsAClanqbeheerMessageAndCounts_C10() throws Exception {
        Scene s = scene("Vraag over de autorisaties in de selfservice");
        flag(s.reporter1(), "post", s.replyId(), "OFFENSIVE", "");
        long flagId = pendingFlag("post", s.replyId());

        perform(post("/staff/moderation/" + flagId + "/warn")
                .param("subject", "Waarschuwing van Clanqbeheer")
                .param("body", "Houd het vriendelijk, ook als u het oneens bent.")
                .param("reason", "Onvriendelijke toon")
                .with(user(fixtures.principalByEmail("moderator@clanq.nl")))
                .with(csrf()));

        assertThat(sanctions.warningCount(s.author())).isEqualTo(1);
        assertThat(page(fixtures.principal(s.author()), "/messages")).contains("Waarschuwing van Clanqbeheer");
        assertThat(jdbc.sql("select resolution from flag where id = ?")
                        .param(flagId)
                        .query(String.class)
                        .single())
                .isEqualTo("WARNED");
        // The next report about this author shows the warning on their record.
        long next = reply(s.author(), s.topicId(), "Nog een onaardige reactie");
        flag(s.reporter2(), "post", next, "OFFENSIVE", "");
        assertThat(page(fixtures.staff(), "/staff/moderation/" + pendingFlag("post", next)))
                .contains("1 waarschuwing");
    }

    @Test
    void blockingFromTheQueueBlocksTheAuthorAndKeepsTheirContent_C10() throws Exception {
        Scene s = scene("Vraag over de koppeling met het zaaksysteem");
        flag(s.reporter1(), "post", s.replyId(), "SPAM", "");
        long flagId = pendingFlag("post", s.replyId());

        MvcResult noDate = perform(post("/staff/moderation/" + flagId + "/block")
                .param("reason", "Herhaaldelijk spam")
                .with(user(fixtures.staff()))
                .with(csrf()));
        assertThat(noDate.getResponse().getStatus()).isEqualTo(200);
        assertThat(sanctions.isBlocked(s.author())).isFalse();

        perform(post("/staff/moderation/" + flagId + "/block")
                .param("reason", "Herhaaldelijk spam")
                .param("indefinite", "true")
                .with(user(fixtures.staff()))
                .with(csrf()));

        assertThat(sanctions.isBlocked(s.author())).isTrue();
        assertThat(page(fixtures.principal(s.reporter2()), "/topics/" + s.topicId()))
                .contains("goedkope horloges");
        assertThat(jdbc.sql("select resolution from flag where id = ?")
                        .param(flagId)
                        .query(String.class)
                        .single())
                .isEqualTo("BLOCKED");
    }

    @Test
    void theQueueCostsAFixedNumberOfQueries() throws Exception {
        Scene s = scene("Vraag over het aantal queries in de wachtrij");
        flag(s.reporter1(), "post", s.replyId(), "SPAM", "");
        flag(s.reporter1(), "topic", s.topicId(), "WRONG_FORUM", "");

        int few = queueQueries();
        for (int i = 0; i < 3; i++) {
            Scene more = scene("Nog een vraag voor de wachtrij nummer " + i);
            flag(more.reporter1(), "post", more.replyId(), "SPAM", "");
        }
        assertThat(queueQueries()).isEqualTo(few);
    }

    private int queueQueries() throws Exception {
        UserDetails staff = fixtures.staff();
        QueryCounter.start();
        perform(get("/staff/moderation").with(user(staff)));
        return QueryCounter.stop();
    }
}
