package nl.clanq.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.List;
import nl.clanq.IntegrationTest;
import nl.clanq.forums.ForumAccess;
import nl.clanq.forums.ForumRef;
import nl.clanq.forums.Forums;
import nl.clanq.forums.Posting;
import nl.clanq.forums.TopicModeration;
import nl.clanq.organisations.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class NoticesIntegrationTests {

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
    Watching watching;

    @Autowired
    TopicModeration topics;

    @Autowired
    TransactionTemplate tx;

    private ForumRef forum(int n) {
        long id = jdbc.sql("select id from forum where module_id = ?")
                .param(fixtures.modules().get(n).id())
                .query(Long.class)
                .single();
        return forums.forumById(id).orElseThrow();
    }

    private Posting.Actor actor(long userId) {
        return new Posting.Actor(access.reader(userId, false), "test");
    }

    private long ask(long userId, String title, String body) {
        return tx.execute(s -> posting.ask(actor(userId), forum(0), title, body));
    }

    private long reply(long userId, long topicId, String body) {
        return tx.execute(s -> posting.reply(actor(userId), topicId, body));
    }

    private List<String> kinds(long userId) {
        return jdbc.sql("select kind from notice where user_id = ? order by id")
                .param(userId)
                .query(String.class)
                .list();
    }

    private void awaitKinds(long userId, String... kinds) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(kinds(userId)).containsExactly(kinds));
    }

    private String name(long userId) {
        return jdbc.sql("select first_name || ' ' || last_name from app_user where id = ?")
                .param(userId)
                .query(String.class)
                .single();
    }

    private long namedMember(Fixtures.Org org, String first, String last) {
        long id = fixtures.member(org);
        jdbc.sql("update app_user set first_name = ?, last_name = ? where id = ?")
                .params(first, last, id)
                .update();
        return id;
    }

    @Test
    void aReplyToMyTopicAQuoteAndAMentionEachNotifyOnce() {
        Fixtures.Org org = fixtures.organisation();
        long asker = fixtures.member(org);
        String suffix = Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "q");
        long mentioned = namedMember(fixtures.organisation(), "Noor", "Vermeld" + suffix);
        long replier = fixtures.member(fixtures.organisation());
        long topic = ask(asker, "Vraag over de roosterplanning in december", "Hoe plannen jullie de feestdagen?");

        reply(
                replier,
                topic,
                name(asker) + ":\n> Hoe plannen jullie de feestdagen?\n\nMet een vaste tabel. @noor.vermeld" + suffix
                        + " weet meer.");

        awaitKinds(asker, "QUOTED");
        awaitKinds(mentioned, "MENTIONED");
        assertThat(kinds(replier)).isEmpty();
    }

    @Test
    void aMentionOfSomeoneWhoCannotReadTheForumTellsTheAuthorInstead() {
        String suffix = Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "q");
        Fixtures.Org elsewhere = fixtures.organisation();
        jdbc.sql("delete from licence where membership_id = ?")
                .param(elsewhere.membershipId())
                .update();
        long outsider = namedMember(elsewhere, "Olaf", "Buiten" + suffix);
        long asker = fixtures.member(fixtures.organisation());

        ask(asker, "Vraag met een vermelding van iemand zonder licentie", "Wat denk jij, @olaf.buiten" + suffix + "?");

        awaitKinds(asker, "MENTION_UNREACHABLE");
        assertThat(kinds(outsider)).isEmpty();
        assertThat(jdbc.sql("select detail from notice where user_id = ?")
                        .param(asker)
                        .query(String.class)
                        .single())
                .contains("Olaf Buiten");
    }

    @Test
    void mentionSuggestionsListOnlyMembersWhoCanReadTheForum() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "q");
        namedMember(fixtures.organisation(), "Rik", "Lezer" + suffix);
        Fixtures.Org unlicensed = fixtures.organisation();
        jdbc.sql("delete from licence where membership_id = ?")
                .param(unlicensed.membershipId())
                .update();
        namedMember(unlicensed, "Rik", "Lezerloos" + suffix);
        long typist = fixtures.member(fixtures.organisation());

        String json = mvc.perform(get("/mentions")
                        .param("forum", Long.toString(forum(0).id()))
                        .param("q", "rik.lezer")
                        .with(user(fixtures.principal(typist))))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(json).contains("rik.lezer" + suffix.toLowerCase()).doesNotContain("lezerloos");
    }

    @Test
    void watchingAForumNotifiesOfNewTopicsAndRepliesAndMutingATopicSilencesIt() {
        long watcher = fixtures.member(fixtures.organisation());
        long asker = fixtures.member(fixtures.organisation());
        tx.executeWithoutResult(s -> watching.watchForum(watcher, forum(0).id(), Watching.ForumLevel.WATCHING));

        long topic = ask(asker, "Nieuwe vraag in een gevolgd forum", "Tekst");
        awaitKinds(watcher, "WATCHED_TOPIC");
        reply(fixtures.member(fixtures.organisation()), topic, "Een reactie");
        awaitKinds(watcher, "WATCHED_TOPIC", "WATCHED_REPLY");

        tx.executeWithoutResult(s -> watching.watchTopic(watcher, topic, Watching.TopicLevel.MUTED));
        reply(asker, topic, "Nog een reactie");
        await().pollDelay(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(kinds(watcher)).hasSize(2));
    }

    @Test
    void startingATopicWatchesItAndReplyingTracksIt() {
        long asker = fixtures.member(fixtures.organisation());
        long replier = fixtures.member(fixtures.organisation());
        long topic = ask(asker, "Vraag die automatisch gevolgd wordt", "Tekst");
        reply(replier, topic, "Antwoord");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(watching.topicLevel(asker, topic)).isEqualTo(Watching.TopicLevel.WATCHING);
            assertThat(watching.topicLevel(replier, topic)).isEqualTo(Watching.TopicLevel.TRACKING);
        });
        awaitKinds(asker, "REPLY");
    }

    @Test
    void acceptedAnswersAndStaffEditsAndMovesNotifyTheAuthorWithTheReason() {
        Fixtures.Org org = fixtures.organisation();
        long asker = org.ownerId();
        long answerer = fixtures.member(fixtures.organisation());
        long topic = ask(asker, "Vraag voor acceptatie en verplaatsing", "Tekst");
        long answer = reply(answerer, topic, "Het antwoord");
        awaitKinds(asker, "REPLY");

        tx.executeWithoutResult(s -> posting.accept(actor(asker), answer));
        awaitKinds(answerer, "ACCEPTED");
        tx.executeWithoutResult(s -> posting.edit(
                new Posting.Actor(access.reader(1, true), "staff"),
                answer,
                "Het antwoord, ingekort",
                "Naam verwijderd"));
        awaitKinds(answerer, "ACCEPTED", "EDITED_BY_STAFF");
        tx.executeWithoutResult(s -> topics.move(
                new Posting.Actor(access.reader(1, true), "staff"),
                topic,
                forum(2).id(),
                "Hoort bij een andere module",
                true));
        awaitKinds(asker, "REPLY", "MOVED");

        assertThat(jdbc.sql("select detail from notice where user_id = ? and kind = 'MOVED'")
                        .param(asker)
                        .query(String.class)
                        .single())
                .isEqualTo("Hoort bij een andere module");
    }

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    @Test
    void aMergeNotifiesTheParticipantsWithTheReasonAndNewTermsNotifyEveryone() {
        long a = fixtures.member(fixtures.organisation());
        long b = fixtures.member(fixtures.organisation());
        long source = ask(a, "Dubbele vraag over de jaaropgave", "Tekst");
        long target = ask(b, "Oorspronkelijke vraag over de jaaropgave", "Tekst");

        tx.executeWithoutResult(
                s -> topics.merge(new Posting.Actor(access.reader(1, true), "staff"), source, target, "Zelfde vraag"));

        awaitKinds(a, "MERGED");
        awaitKinds(b, "MERGED");
        assertThat(jdbc.sql("select detail from notice where user_id = ? and kind = 'MERGED'")
                        .param(a)
                        .query(String.class)
                        .single())
                .isEqualTo("Zelfde vraag");

        tx.executeWithoutResult(s -> events.publishEvent(new nl.clanq.legal.LegalDocuments.LegalPublished(
                1, "staff", 1, "TERMS", "test-" + System.nanoTime(), "2026-12-01")));
        awaitKinds(a, "MERGED", "ANNOUNCEMENT");
    }

    @Test
    void noNoticeAboutAForumTheRecipientCannotRead_S9() {
        Fixtures.Org watcherOrg = fixtures.organisation();
        long watcher = fixtures.member(watcherOrg);
        tx.executeWithoutResult(s -> watching.watchForum(watcher, forum(0).id(), Watching.ForumLevel.WATCHING));
        jdbc.sql("delete from licence where membership_id = ?")
                .param(watcherOrg.membershipId())
                .update();

        ask(fixtures.member(fixtures.organisation()), "Vraag die de volger niet meer mag lezen", "Tekst");

        await().pollDelay(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(kinds(watcher)).isEmpty());
    }

    @Test
    void aRolledBackReplyMakesNoNotice() {
        long asker = fixtures.member(fixtures.organisation());
        long topic = ask(asker, "Vraag waarop een reactie mislukt", "Tekst");
        long replier = fixtures.member(fixtures.organisation());

        tx.executeWithoutResult(s -> {
            posting.reply(actor(replier), topic, "Deze reactie wordt teruggedraaid");
            s.setRollbackOnly();
        });

        await().pollDelay(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(kinds(asker)).isEmpty());
    }

    @Test
    void theBellCountsUnreadAndOpeningANoticeLeadsToItsTargetAndMarksItRead() throws Exception {
        long asker = fixtures.member(fixtures.organisation());
        long topic = ask(asker, "Vraag voor de bel in de kop", "Tekst");
        long replyId = reply(fixtures.member(fixtures.organisation()), topic, "Reactie voor de bel");
        awaitKinds(asker, "REPLY");
        var me = user(fixtures.principal(asker));
        assertThat(mvc.perform(get("/notices/unread").with(me))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains(">1<");
        long noticeId = jdbc.sql("select id from notice where user_id = ?")
                .param(asker)
                .query(Long.class)
                .single();
        assertThat(mvc.perform(get("/notices").with(me))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("reageerde op uw onderwerp", "Vraag voor de bel in de kop");

        MvcResult opened = mvc.perform(get("/notices/" + noticeId).with(me)).andReturn();

        assertThat(opened.getResponse().getRedirectedUrl()).isEqualTo("/posts/" + replyId);
        assertThat(mvc.perform(get("/notices/unread").with(me))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain("badge");
        long other = fixtures.member(fixtures.organisation());
        assertThat(mvc.perform(get("/notices/" + noticeId).with(user(fixtures.principal(other))))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        mvc.perform(post("/notices/read").with(me).with(csrf()));
    }
}
