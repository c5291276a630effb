package nl.clanq.forums;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.OffsetDateTime;
import java.util.List;
import nl.clanq.IntegrationTest;
import nl.clanq.TestMail;
import nl.clanq.catalog.Catalog;
import nl.clanq.organisations.Fixtures;
import nl.clanq.shared.web.NotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class TopicModerationIntegrationTests {

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
    TopicModeration moderation;

    @Autowired
    ForumAccess access;

    @Autowired
    Forums forums;

    @Autowired
    TransactionTemplate tx;

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return perform(request).getResponse().getContentAsString();
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return perform(request).getResponse().getStatus();
    }

    /** The forum of the demo vendor's n-th module. */
    private ForumRef forum(int n) {
        long moduleId = fixtures.modules().get(n).id();
        long id = jdbc.sql("select id from forum where module_id = ?")
                .param(moduleId)
                .query(Long.class)
                .single();
        return forums.forumById(id).orElseThrow();
    }

    /** An organisation holding a licence for the demo vendor's n-th module too. */
    private Fixtures.Org orgWithLicence(int n) {
        Fixtures.Org org = fixtures.organisation();
        tx.executeWithoutResult(s -> jdbc.sql(
                        "insert into licence (membership_id, module_id, confirmed_at) values (?, ?, now()) on conflict do nothing")
                .params(org.membershipId(), fixtures.modules().get(n).id())
                .update());
        return org;
    }

    private long ask(long userId, ForumRef forum, String title) {
        return tx.execute(s ->
                posting.ask(new Posting.Actor(access.reader(userId, false), "test"), forum, title, "Vraag: " + title));
    }

    private long reply(long userId, long topicId, String body) {
        return tx.execute(s -> posting.reply(new Posting.Actor(access.reader(userId, false), "test"), topicId, body));
    }

    private Posting.Actor staffActor() {
        long staffId = jdbc.sql("select id from app_user where email = 'beheer@clanq.nl'")
                .query(Long.class)
                .single();
        return new Posting.Actor(access.reader(staffId, true), "Beheer <beheer@clanq.nl>");
    }

    private long forumOf(long topicId) {
        return jdbc.sql("select forum_id from topic where id = ?")
                .param(topicId)
                .query(Long.class)
                .single();
    }

    private String email(long userId) {
        return jdbc.sql("select email from app_user where id = ?")
                .param(userId)
                .query(String.class)
                .single();
    }

    private MockHttpServletRequestBuilder moveRequest(long topicId, ForumRef to, String reason) {
        return post("/topics/" + topicId + "/move")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("targetForum", Long.toString(to.id()))
                .param("reason", reason);
    }

    private MockHttpServletRequestBuilder mergeRequest(long source, String target, String reason, boolean confirm) {
        return post("/topics/" + source + "/merge")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("targetTopic", target)
                .param("reason", reason)
                .param("confirm", Boolean.toString(confirm));
    }

    /** The forum's counters match its topics (merged topics no longer count). */
    private void assertCountersRight(ForumRef forum) {
        record Counts(int topicCount, int postCount, OffsetDateTime lastPostAt) {}
        Counts stored = jdbc.sql("select topic_count, post_count, last_post_at from forum where id = ?")
                .param(forum.id())
                .query(Counts.class)
                .single();
        Counts actual = jdbc.sql(
                        """
                        select count(*)::int as topic_count, coalesce(sum(reply_count + 1), 0)::int as post_count,
                               max(last_post_at) as last_post_at
                        from topic where forum_id = ? and merged_into is null and deleted_at is null""")
                .param(forum.id())
                .query(Counts.class)
                .single();
        assertThat(stored.topicCount()).as("topics of " + forum.name()).isEqualTo(actual.topicCount());
        assertThat(stored.postCount()).as("posts of " + forum.name()).isEqualTo(actual.postCount());
        assertThat(stored.lastPostAt() == null ? null : stored.lastPostAt().toInstant())
                .isEqualTo(
                        actual.lastPostAt() == null ? null : actual.lastPostAt().toInstant());
    }

    @Test
    void movedTopicOldLinkStillOpensTopicInNewForum_C13() throws Exception {
        Fixtures.Org org = orgWithLicence(1);
        long author = fixtures.member(org);
        ForumRef from = forum(0);
        ForumRef to = forum(1);
        long topicId = ask(author, from, "Vraag die in het verkeerde forum staat");
        reply(org.ownerId(), topicId, "Dit hoort bij de andere module");
        UserDetails reader = fixtures.principal(fixtures.member(orgWithLicence(1)));

        MvcResult moved = perform(moveRequest(topicId, to, "Hoort bij de module " + to.name()));

        assertThat(moved.getResponse().getRedirectedUrl()).isEqualTo("/topics/" + topicId);
        assertThat(forumOf(topicId)).isEqualTo(to.id());
        String topicPage = page(get("/topics/" + topicId).with(user(reader)));
        assertThat(topicPage)
                .contains("Vraag die in het verkeerde forum staat")
                .contains(to.path())
                .contains("Verplaatst van " + from.name() + " door Clanqbeheer: Hoort bij de module " + to.name());
        assertThat(page(get(to.path()).with(user(reader)))).contains("Vraag die in het verkeerde forum staat");
        assertThat(page(get(from.path()).with(user(reader)))).doesNotContain("Vraag die in het verkeerde forum staat");
        assertCountersRight(from);
        assertCountersRight(to);
    }

    @Test
    void moveMailsAuthorWithReason_C13() throws Exception {
        Fixtures.Org org = orgWithLicence(1);
        long author = fixtures.member(org);
        long topicId = ask(author, forum(0), "Vraag over de koppeling met het loonpakket");

        perform(moveRequest(topicId, forum(1), "Deze vraag gaat over de koppeling"));

        TestMail.ReceivedMail mail = TestMail.awaitMail(email(author), "Clanqbeheer heeft uw onderwerp verplaatst");
        assertThat(mail.subject()).contains("Vraag over de koppeling met het loonpakket");
        assertThat(mail.text())
                .contains("Vraag over de koppeling met het loonpakket")
                .contains(forum(0).name())
                .contains(forum(1).name())
                .contains("Deze vraag gaat over de koppeling")
                .contains("/topics/" + topicId);
    }

    @Test
    void moveRequiresReason_C13() throws Exception {
        long author = fixtures.member(orgWithLicence(1));
        long topicId = ask(author, forum(0), "Vraag zonder reden om te verplaatsen");

        String form = page(moveRequest(topicId, forum(1), "  "));

        assertThat(form).contains("Geef de reden.").contains("Controleer de volgende punten");
        assertThat(forumOf(topicId)).isEqualTo(forum(0).id());
        assertThatThrownBy(() ->
                        tx.executeWithoutResult(s -> moderation.move(staffActor(), topicId, forum(1).id(), " ", true)))
                .isInstanceOfSatisfying(TopicModeration.Refused.class, e -> assertThat(e.refusal())
                        .isEqualTo(TopicModeration.Refusal.REASON_REQUIRED));
        assertThat(forumOf(topicId)).isEqualTo(forum(0).id());
    }

    @Test
    void moveToOtherVendorRefused_C13() throws Exception {
        long vendor = tx.execute(s -> catalog.createVendor(
                new Catalog.VendorForm(
                        "Andere leverancier " + System.nanoTime(), "andere-" + System.nanoTime(), "", "", false),
                new Catalog.Actor(1, "test")));
        long module = tx.execute(s -> catalog.addModule(
                vendor, new Catalog.ModuleForm("Payroll", "payroll", ""), new Catalog.Actor(1, "test")));
        long otherForum = jdbc.sql("select id from forum where module_id = ?")
                .param(module)
                .query(Long.class)
                .single();
        long topicId = ask(fixtures.member(fixtures.organisation()), forum(0), "Vraag die bij deze leverancier blijft");

        String form = page(moveRequest(topicId, forums.forumById(otherForum).orElseThrow(), "Andere leverancier"));

        assertThat(form).contains("Een onderwerp kan alleen naar een forum van dezelfde leverancier.");
        assertThat(forumOf(topicId)).isEqualTo(forum(0).id());
        // Its forum is not offered, nor the topic's own forum.
        String choice = page(get("/topics/" + topicId + "/move").with(user(fixtures.staff())));
        assertThat(choice).doesNotContain("value=\"" + otherForum + "\"").contains("value=\"" + forum(1).id() + "\"");
        assertThat(moderation.moveTargets(staffActor().reader(), topicId))
                .extracting(ForumRef::id)
                .doesNotContain(otherForum, forum(0).id())
                .contains(forum(1).id());
        assertThat(page(moveRequest(topicId, forum(0), "Zelfde forum")))
                .contains("Het onderwerp staat al in dit forum.");
        assertThatThrownBy(() -> tx.executeWithoutResult(
                        s -> moderation.move(staffActor(), topicId, otherForum, "Andere leverancier", true)))
                .isInstanceOf(TopicModeration.Refused.class);
        assertThat(forumOf(topicId)).isEqualTo(forum(0).id());
    }

    @Test
    void moveToUnlicensedForumNeedsConfirmationAndAuthorKeepsAccess_C13() throws Exception {
        Fixtures.Org org = fixtures.organisation(); // a licence for module 0 only
        long author = fixtures.member(org);
        UserDetails asAuthor = fixtures.principal(author);
        UserDetails colleague = fixtures.principal(fixtures.member(org));
        ForumRef unlicensed = forum(2);
        long topicId = ask(author, forum(0), "Vraag die naar een forum zonder licentie gaat");
        long earlierReply = reply(org.ownerId(), topicId, "Een eerdere reactie");

        // First the warning, and nothing moves.
        String warning = page(moveRequest(topicId, unlicensed, "Hoort bij " + unlicensed.name()));
        assertThat(warning)
                .contains("de organisatie van de auteur heeft geen licentie voor het forum " + unlicensed.name())
                .contains("name=\"confirm\"");
        assertThat(forumOf(topicId)).isEqualTo(forum(0).id());
        // Submitted again without ticking the box: still nothing.
        String unconfirmed = page(moveRequest(topicId, unlicensed, "Hoort bij " + unlicensed.name())
                .param("warned", "true"));
        assertThat(unconfirmed).contains("Bevestig dat u het onderwerp toch wilt verplaatsen.");
        assertThat(forumOf(topicId)).isEqualTo(forum(0).id());
        assertThatThrownBy(() -> tx.executeWithoutResult(
                        s -> moderation.move(staffActor(), topicId, unlicensed.id(), "Zonder bevestiging", false)))
                .isInstanceOfSatisfying(TopicModeration.Refused.class, e -> assertThat(e.refusal())
                        .isEqualTo(TopicModeration.Refusal.LICENCE_GAP_UNCONFIRMED));

        MvcResult confirmed = perform(moveRequest(topicId, unlicensed, "Hoort bij " + unlicensed.name())
                .param("warned", "true")
                .param("confirm", "true"));
        assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/topics/" + topicId);
        assertThat(forumOf(topicId)).isEqualTo(unlicensed.id());

        // The author reads and replies in their own topic...
        assertThat(page(get("/topics/" + topicId).with(user(asAuthor))))
                .contains("Vraag die naar een forum zonder licentie gaat")
                .contains("Een eerdere reactie");
        MvcResult replied = perform(post("/topics/" + topicId + "/replies")
                .with(user(asAuthor))
                .with(csrf())
                .param("body", "Dank, ik lees het hier verder"));
        assertThat(replied.getResponse().getRedirectedUrl()).startsWith("/posts/");
        assertThat(status(get(replied.getResponse().getRedirectedUrl()).with(user(asAuthor))))
                .isEqualTo(302);
        assertThat(status(get("/posts/" + earlierReply).with(user(asAuthor)))).isEqualTo(302);
        // ...but not the rest of that forum,
        assertThat(page(get(unlicensed.path()).with(user(asAuthor))))
                .contains("Geen toegang")
                .doesNotContain("Vraag die naar een forum zonder licentie gaat");
        long otherTopic = ask(fixtures.member(orgWithLicence(2)), unlicensed, "Een andere vraag in dat forum");
        assertThat(status(get("/topics/" + otherTopic).with(user(asAuthor)))).isEqualTo(404);
        // and a colleague of the same organisation gets the strict licence rules.
        assertThat(status(get("/topics/" + topicId).with(user(colleague)))).isEqualTo(404);
        assertThat(status(get("/posts/" + earlierReply).with(user(colleague)))).isEqualTo(404);
        assertThat(status(post("/topics/" + topicId + "/replies")
                        .with(user(colleague))
                        .with(csrf())
                        .param("body", "Ik wil ook reageren")))
                .isEqualTo(404);

        // Once the author no longer belongs to the community, the exception ends.
        tx.executeWithoutResult(s -> jdbc.sql("delete from membership_seat where user_id = ?")
                .param(author)
                .update());
        assertThat(status(get("/topics/" + topicId).with(user(asAuthor)))).isNotEqualTo(200);
    }

    @Test
    void mergeJoinsPostsInTimeOrder_C13() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long asker = fixtures.member(org);
        long duplicateAsker = fixtures.member(fixtures.organisation());
        long target = ask(asker, forum(0), "Jaaropgave klopt niet na correctie");
        long source = ask(duplicateAsker, forum(0), "Jaaropgave fout na een correctie");
        long t1 = reply(org.ownerId(), target, "T1");
        long s1 = reply(asker, source, "S1");
        long t2 = reply(duplicateAsker, target, "T2");
        long s2 = reply(org.ownerId(), source, "S2");
        long targetQuestion = question(target);
        long sourceQuestion = question(source);
        // The posts were written in this order, across both topics.
        OffsetDateTime start = OffsetDateTime.now().minusHours(1);
        List<Long> written = List.of(targetQuestion, sourceQuestion, t1, s1, t2, s2);
        for (int i = 0; i < written.size(); i++) {
            long id = written.get(i);
            OffsetDateTime at = start.plusMinutes(i);
            tx.executeWithoutResult(s -> jdbc.sql("update post set created_at = ? where id = ?")
                    .params(at, id)
                    .update());
        }
        // The source's asker accepted an answer; the target has none, so it stays.
        tx.executeWithoutResult(s -> jdbc.sql("update topic set accepted_post_id = ? where id = ?")
                .params(s1, source)
                .update());
        // A reader of the target read up to its end, one of the source up to S2.
        long reader = fixtures.member(org);
        posting.markRead(reader, target, 2);
        posting.markRead(reader, source, 2);

        tx.executeWithoutResult(s -> moderation.merge(staffActor(), source, target, "Dubbele vraag"));

        assertThat(jdbc.sql("select body_source from post where topic_id = ? order by position")
                        .param(target)
                        .query(String.class)
                        .list())
                .containsExactly(
                        "Vraag: Jaaropgave klopt niet na correctie",
                        "Vraag: Jaaropgave fout na een correctie",
                        "T1",
                        "S1",
                        "T2",
                        "S2");
        assertThat(jdbc.sql("select position from post where topic_id = ? order by position")
                        .param(target)
                        .query(Integer.class)
                        .list())
                .containsExactly(0, 1, 2, 3, 4, 5);
        record TopicState(int replyCount, Long acceptedPostId, Long mergedInto, long lastPosterId) {}
        TopicState merged = jdbc.sql(
                        "select reply_count, accepted_post_id, merged_into, last_poster_id from topic where id = ?")
                .param(target)
                .query(TopicState.class)
                .single();
        assertThat(merged.replyCount()).isEqualTo(5);
        assertThat(merged.acceptedPostId()).isEqualTo(s1);
        assertThat(merged.lastPosterId()).isEqualTo(org.ownerId());
        assertThat(jdbc.sql("select count(*) from post where topic_id = ?")
                        .param(source)
                        .query(Long.class)
                        .single())
                .isZero();
        // Reading state: the furthest post read in either topic, never beyond the end.
        assertThat(jdbc.sql("select last_position from topic_read where user_id = ? and topic_id = ?")
                        .params(reader, target)
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);
        assertThat(jdbc.sql("select count(*) from topic_read where topic_id = ?")
                        .param(source)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select max(last_position) from topic_read where topic_id = ?")
                        .param(target)
                        .query(Integer.class)
                        .single())
                .isLessThanOrEqualTo(5);
        // A permalink of a moved post lands in the target.
        assertThat(perform(get("/posts/" + s2).with(user(fixtures.principal(asker))))
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/topics/" + target + "?page=1#post-" + s2);
        assertCountersRight(forum(0));
    }

    @Test
    void mergeKeepsTheTargetsAcceptedAnswerAndDropsTheSources_C13() {
        long asker = fixtures.member(fixtures.organisation());
        long helper = fixtures.member(fixtures.organisation());
        long target = ask(asker, forum(0), "Verlofsaldo wordt niet bijgewerkt");
        long source = ask(helper, forum(0), "Verlofsaldo blijft staan op oude waarde");
        long targetAnswer = reply(helper, target, "Draai de herberekening");
        long sourceAnswer = reply(asker, source, "Controleer de peildatum");
        tx.executeWithoutResult(s -> {
            jdbc.sql("update topic set accepted_post_id = ? where id = ?")
                    .params(targetAnswer, target)
                    .update();
            jdbc.sql("update topic set accepted_post_id = ? where id = ?")
                    .params(sourceAnswer, source)
                    .update();
        });

        tx.executeWithoutResult(s -> moderation.merge(staffActor(), source, target, "Dubbel"));

        assertThat(jdbc.sql("select accepted_post_id from topic where id = ?")
                        .param(target)
                        .query(Long.class)
                        .single())
                .isEqualTo(targetAnswer);
        assertThat(jdbc.sql("select topic_id from post where id = ?")
                        .param(sourceAnswer)
                        .query(Long.class)
                        .single())
                .isEqualTo(target);
    }

    @Test
    void mergedTopicRedirectsPermanently_C13() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        UserDetails member = fixtures.principal(fixtures.member(org));
        long target = ask(fixtures.member(org), forum(0), "Pensioenpremie wordt dubbel ingehouden");
        long source = ask(fixtures.member(fixtures.organisation()), forum(0), "Dubbele inhouding pensioenpremie");

        // First the check: staff see the target's title, and nothing is merged yet.
        String check =
                page(mergeRequest(source, "https://clanq.example/topics/" + target + "?page=1", "Dubbel", false));
        assertThat(check).contains("Controleer de samenvoeging").contains("Pensioenpremie wordt dubbel ingehouden");
        assertThat(jdbc.sql("select merged_into from topic where id = ?")
                        .param(source)
                        .query(Long.class)
                        .optional())
                .isEmpty();

        MvcResult merged = perform(mergeRequest(
                source, "https://clanq.example/topics/" + target + "?page=1", "Dezelfde vraag als hiervoor", true));
        assertThat(merged.getResponse().getRedirectedUrl()).isEqualTo("/topics/" + target);

        for (MockHttpServletRequestBuilder request :
                List.of(get("/topics/" + source), get("/topics/" + source).param("page", "2"))) {
            MvcResult result = perform(request.with(user(member)));
            assertThat(result.getResponse().getStatus()).isEqualTo(301);
            assertThat(result.getResponse().getHeader("Location")).isEqualTo("/topics/" + target);
        }
        assertThat(page(get("/topics/" + target).with(user(member))))
                .contains(
                        "Samengevoegd met Dubbele inhouding pensioenpremie door Clanqbeheer: Dezelfde vraag als hiervoor")
                .contains("Vraag: Dubbele inhouding pensioenpremie");
        // The duplicate is gone from the lists.
        assertThat(page(get(forum(0).path()).with(user(member))))
                .contains("Pensioenpremie wordt dubbel ingehouden")
                .doesNotContain("Dubbele inhouding pensioenpremie");
        assertThat(page(get("/latest").with(user(member)))).doesNotContain("Dubbele inhouding pensioenpremie");
        // Replying to the old address does nothing.
        assertThat(status(post("/topics/" + source + "/replies")
                        .with(user(member))
                        .with(csrf())
                        .param("body", "Nog een reactie")))
                .isEqualTo(404);
        // A member of another community still learns nothing.
        UserDetails stranger = fixtures.principal(otherCommunityMember());
        assertThat(status(get("/topics/" + source).with(user(stranger)))).isEqualTo(404);
    }

    private long otherCommunityMember() {
        long vendor = tx.execute(s -> catalog.createVendor(
                new Catalog.VendorForm(
                        "Nog een leverancier " + System.nanoTime(), "nog-een-" + System.nanoTime(), "", "", false),
                new Catalog.Actor(1, "test")));
        tx.executeWithoutResult(s -> catalog.addModule(
                vendor, new Catalog.ModuleForm("Payroll", "payroll", ""), new Catalog.Actor(1, "test")));
        return fixtures.organisation(vendor).ownerId();
    }

    @Test
    void mergeRefusesAnUnknownOrTheSameTopic_C13() throws Exception {
        long source = ask(fixtures.member(fixtures.organisation()), forum(0), "Vraag die met zichzelf samenvalt");

        assertThat(page(mergeRequest(source, "/topics/" + source, "Dubbel", true)))
                .contains("Een onderwerp kan niet met zichzelf worden samengevoegd.");
        assertThat(page(mergeRequest(source, "geen nummer", "Dubbel", true)))
                .contains("Vul het nummer of het adres van een onderwerp in");
        assertThat(page(mergeRequest(source, "999999999", "Dubbel", true)))
                .contains("Er is geen onderwerp met dit nummer");
        assertThat(page(mergeRequest(source, "/topics/" + source, "", true))).contains("Geef de reden.");
        assertThat(status(get("/topics/" + source).with(user(fixtures.staff()))))
                .isEqualTo(200);
    }

    @Test
    void mergeNotifiesParticipants_C13() throws Exception {
        long asker = fixtures.member(fixtures.organisation());
        long duplicateAsker = fixtures.member(fixtures.organisation());
        long helper = fixtures.member(fixtures.organisation());
        long target = ask(asker, forum(0), "Reiskostenvergoeding thuiswerkdagen");
        long source = ask(duplicateAsker, forum(0), "Thuiswerkdagen en reiskosten");
        reply(helper, source, "Zie de regeling van vorig jaar");

        tx.executeWithoutResult(s -> moderation.merge(staffActor(), source, target, "Zelfde onderwerp"));

        for (long participant : List.of(asker, duplicateAsker, helper)) {
            TestMail.ReceivedMail mail = TestMail.awaitMail(email(participant), "Onderwerpen samengevoegd");
            assertThat(mail.subject()).contains("Reiskostenvergoeding thuiswerkdagen");
            assertThat(mail.text())
                    .contains("Thuiswerkdagen en reiskosten")
                    .contains("Reiskostenvergoeding thuiswerkdagen")
                    .contains("Zelfde onderwerp")
                    .contains("/topics/" + target);
        }
    }

    @Test
    void membersCannotMoveOrMerge_C13() throws Exception {
        Fixtures.Org org = orgWithLicence(1);
        long author = fixtures.member(org);
        long target = ask(author, forum(0), "Vraag die leden niet kunnen verplaatsen");
        long source = ask(author, forum(0), "Vraag die leden niet kunnen samenvoegen");
        for (UserDetails person : List.of(fixtures.principal(author), fixtures.principal(org.ownerId()))) {
            for (MockHttpServletRequestBuilder request : List.of(
                    get("/topics/" + target + "/move"),
                    post("/topics/" + target + "/move")
                            .param("targetForum", Long.toString(forum(1).id()))
                            .param("reason", "Ik wil dit zelf verplaatsen")
                            .param("confirm", "true"),
                    get("/topics/" + source + "/merge"),
                    post("/topics/" + source + "/merge")
                            .param("targetTopic", Long.toString(target))
                            .param("reason", "Dubbel")
                            .param("confirm", "true"))) {
                MvcResult result = perform(request.with(user(person)).with(csrf()));
                assertThat(result.getResponse().getStatus())
                        .as(result.getRequest().getMethod() + " "
                                + result.getRequest().getRequestURI())
                        .isEqualTo(404);
            }
        }
        Posting.Actor member = new Posting.Actor(access.reader(author, false), "test");
        assertThatThrownBy(() -> tx.executeWithoutResult(
                        s -> moderation.move(member, target, forum(1).id(), "Zelf verplaatsen", true)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> moderation.merge(member, source, target, "Dubbel")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> moderation.moveTargets(member.reader(), target))
                .isInstanceOf(NotFoundException.class);
        assertThat(forumOf(target)).isEqualTo(forum(0).id());
        assertThat(jdbc.sql("select merged_into from topic where id = ?")
                        .param(source)
                        .query(Long.class)
                        .optional())
                .isEmpty();
    }

    @Test
    void moveAndMergeAreAudited_S8() throws Exception {
        long author = fixtures.member(orgWithLicence(1));
        long moved = ask(author, forum(0), "Vraag die wordt verplaatst voor het logboek");
        long target = ask(author, forum(1), "Vraag waar een dubbele vraag in opgaat");
        long source = ask(author, forum(1), "Dubbele vraag voor het logboek");

        perform(moveRequest(moved, forum(1), "Verkeerde module"));
        perform(mergeRequest(source, Long.toString(target), "Dubbele vraag", true));

        record Entry(
                String actorLabel, String fromForum, String toForum, String source, String target, String reason) {}
        Entry move = jdbc.sql(
                        """
                        select actor_label, details ->> 'from' as from_forum, details ->> 'to' as to_forum, details ->> 'source' as source,
                               details ->> 'target' as target, details ->> 'reason' as reason
                        from audit_log where action = 'forum.topic.moved' and target_id = ?""")
                .param(Long.toString(moved))
                .query(Entry.class)
                .single();
        assertThat(move.actorLabel()).contains("beheer@clanq.nl");
        assertThat(move.fromForum()).isEqualTo(Long.toString(forum(0).id()));
        assertThat(move.toForum()).isEqualTo(Long.toString(forum(1).id()));
        assertThat(move.reason()).isEqualTo("Verkeerde module");
        Entry merge = jdbc.sql(
                        """
                        select actor_label, details ->> 'from' as from_forum, details ->> 'to' as to_forum, details ->> 'source' as source,
                               details ->> 'target' as target, details ->> 'reason' as reason
                        from audit_log where action = 'forum.topic.merged' and target_id = ?""")
                .param(Long.toString(source))
                .query(Entry.class)
                .single();
        assertThat(merge.actorLabel()).contains("beheer@clanq.nl");
        assertThat(merge.source()).isEqualTo(Long.toString(source));
        assertThat(merge.target()).isEqualTo(Long.toString(target));
        assertThat(merge.reason()).isEqualTo("Dubbele vraag");
    }

    private long question(long topicId) {
        return jdbc.sql("select id from post where topic_id = ? and position = 0")
                .param(topicId)
                .query(Long.class)
                .single();
    }
}
