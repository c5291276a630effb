package nl.clanq.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.clanq.IntegrationTest;
import nl.clanq.forums.ForumAccess;
import nl.clanq.forums.ForumRef;
import nl.clanq.forums.Forums;
import nl.clanq.forums.Posting;
import nl.clanq.forums.Reader;
import nl.clanq.forums.TopicModeration;
import nl.clanq.organisations.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class SearchIntegrationTests {

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
    TopicSearch search;

    @Autowired
    SearchIndexing indexing;

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

    private void grant(Fixtures.Org org, int n) {
        tx.executeWithoutResult(s -> jdbc.sql(
                        "insert into licence (membership_id, module_id, confirmed_at) values (?, ?, now()) on conflict do nothing")
                .params(org.membershipId(), fixtures.modules().get(n).id())
                .update());
    }

    private long ask(long userId, ForumRef forum, String title, String body) {
        return tx.execute(
                s -> posting.ask(new Posting.Actor(access.reader(userId, false), "test"), forum, title, body));
    }

    private TopicSearch.Page find(long userId, String text) {
        return find(userId, text, false);
    }

    private TopicSearch.Page find(long userId, String text, boolean english) {
        return tx.execute(s -> search.topics(access.reader(userId, false), TopicSearch.Query.of(text, english)));
    }

    private String page(UserDetails who, String url) throws Exception {
        MvcResult result = mvc.perform(get(url).with(user(who))).andReturn();
        assertThat(result.getResponse().getStatus()).as(url).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    private static String unique() {
        return "zq" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
    }

    @Test
    void aMemberWithoutTheLicenceFindsNothingOfTheLockedForumEvenByItsTitle_S9() throws Exception {
        String word = unique();
        Fixtures.Org licensed = fixtures.organisation();
        grant(licensed, 1);
        long insider = fixtures.member(licensed);
        long outsider = fixtures.member(fixtures.organisation()); // no licence for module 1
        ask(insider, forum(1), "Afgeschermde vraag " + word + " over verlof", "Alleen voor licentiehouders.");
        ask(insider, forum(0), "Open vraag " + word + " over salaris", "Voor iedereen met salaris.");

        assertThat(find(insider, word).total()).isEqualTo(2);
        TopicSearch.Page outside = find(outsider, word);
        assertThat(outside.total()).isEqualTo(1);
        assertThat(outside.hits())
                .extracting(TopicSearch.Hit::title)
                .containsExactly("Open vraag " + word + " over salaris");
        assertThat(find(outsider, "Afgeschermde vraag " + word).total()).isZero();
        assertThat(page(fixtures.principal(outsider), "/search?q=" + word))
                .contains("1 onderwerp gevonden")
                .doesNotContain("Afgeschermde vraag");
    }

    @Test
    void aLicenceOrAMoveCountsFromTheNextSearch_S9() {
        String word = unique();
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        long topic = ask(member, forum(0), "Vraag " + word + " die verhuist", "Tekst");
        long reader = fixtures.member(fixtures.organisation());
        assertThat(find(reader, word).total()).isEqualTo(1);

        tx.executeWithoutResult(s -> topics.move(
                new Posting.Actor(access.reader(1, true), "staff"), topic, forum(2).id(), "Hoort elders", true));

        assertThat(find(reader, word).total()).isZero();
        Fixtures.Org other = fixtures.organisation();
        grant(other, 2);
        assertThat(find(fixtures.member(other), word).total()).isEqualTo(1);
    }

    @Test
    void dutchWordFormsCompoundsAndAccentsMatch() {
        String word = unique();
        long member = fixtures.member(fixtures.organisation());
        ask(
                member,
                forum(0),
                "Salaris " + word + " klopt niet",
                "De verlof registratie van de café-medewerker loopt achter.");
        ask(member, forum(0), "Verlofregistratie " + word + " na import", "Sinds de import zijn de saldi leeg.");

        assertThat(find(member, "salarissen " + word).total())
                .as("salarissen → salaris")
                .isEqualTo(1);
        assertThat(find(member, "verlofregistratie " + word).total())
                .as("compound → parts")
                .isEqualTo(2);
        assertThat(find(member, "cafe " + word).total()).as("accents folded").isEqualTo(1);
        assertThat(find(member, "SALARIS " + word).total()).as("case").isEqualTo(1);
    }

    @Test
    void wordsAreFoundInTitleOrRepliesAndTitleMatchesComeFirst() {
        String word = unique();
        long member = fixtures.member(fixtures.organisation());
        long inReply = ask(member, forum(0), "Vraag over de jaaropgave", "Waar staat de export?");
        tx.executeWithoutResult(s -> posting.reply(
                new Posting.Actor(access.reader(member, false), "test"),
                inReply,
                "Bij ons heet die knop " + word + " in het scherm met de loonstroken."));
        indexing.indexQueued();
        ask(member, forum(0), "Knop " + word + " ontbreekt", "Sinds de update zien wij hem niet meer.");

        TopicSearch.Page page = find(member, word + " loonstroken");
        assertThat(page.hits())
                .as("every word must occur somewhere: only the topic whose reply has both")
                .extracting(TopicSearch.Hit::topicId)
                .containsExactly(inReply);
        assertThat(page.hits().getFirst().snippetHtml()).contains("<mark>" + word + "</mark>");

        assertThat(find(member, word).hits())
                .as("a match in the title ranks above a match in a reply")
                .extracting(TopicSearch.Hit::title)
                .containsExactly("Knop " + word + " ontbreekt", "Vraag over de jaaropgave");
    }

    @Test
    void repliesToATopicQueueOneRebuildThatReachesSearchWithinMoments() throws Exception {
        String word = unique();
        long member = fixtures.member(fixtures.organisation());
        long topic = ask(member, forum(0), "Vraag over de export", "Waar vind ik die?");
        Posting.Actor actor = new Posting.Actor(access.reader(member, false), "test");

        Long queued = tx.execute(s -> {
            for (int i = 1; i <= 3; i++) {
                posting.reply(actor, topic, "Antwoord " + i + " over " + word);
            }
            return jdbc.sql("select version from search_queue where topic_id = ?")
                    .param(topic)
                    .query(Long.class)
                    .single();
        });
        assertThat(queued).as("three replies, one queued rebuild").isEqualTo(3);

        // The job makes the document searchable and marks the queued replies as indexed.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((find(member, word).total() == 0 || pending(topic)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(find(member, word).hits())
                .extracting(TopicSearch.Hit::topicId, TopicSearch.Hit::replyCount)
                .containsExactly(tuple(topic, 3));
        assertThat(pending(topic)).isFalse();
    }

    @Test
    void aBusyTopicIsReindexedOncePerCooldownWithTheRepliesOfThatCooldownTogether() {
        String first = unique();
        String second = unique();
        long member = fixtures.member(fixtures.organisation());
        long topic = ask(member, forum(0), "Vraag over de jaaropgave", "Waar vind ik die?");
        Posting.Actor actor = new Posting.Actor(access.reader(member, false), "test");

        tx.executeWithoutResult(s -> posting.reply(actor, topic, "Eerste antwoord: " + first));
        indexing.indexQueued(Instant.now());
        assertThat(find(member, first).total())
                .as("a reply to a quiet topic, at once")
                .isEqualTo(1);

        tx.executeWithoutResult(s -> posting.reply(actor, topic, "Tweede antwoord: " + second));
        indexing.indexQueued(Instant.now());
        assertThat(find(member, second).total())
                .as("the topic was just re-indexed: the next reply waits for the cooldown")
                .isZero();
        assertThat(pending(topic)).isTrue();

        indexing.indexQueued(Instant.now().plus(cooldown).plusSeconds(1));
        assertThat(find(member, second).hits())
                .extracting(TopicSearch.Hit::topicId, TopicSearch.Hit::replyCount)
                .containsExactly(tuple(topic, 2));
        assertThat(pending(topic)).isFalse();

        indexing.indexQueued(Instant.now().plus(cooldown.multipliedBy(2)).plusSeconds(2));
        assertThat(jdbc.sql("select count(*) from search_queue where topic_id = ?")
                        .param(topic)
                        .query(Long.class)
                        .single())
                .as("a cooldown that passed with no new reply leaves no entry behind")
                .isZero();
    }

    /** The configured cooldown, so the test steps past whatever application.properties sets. */
    @Value("${clanq.search.topic-cooldown}")
    Duration cooldown;

    /** Whether the topic has replies that are not yet in its search document. */
    private boolean pending(long topic) {
        return jdbc.sql("select count(*) from search_queue where topic_id = ? and version > indexed_version")
                        .param(topic)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Test
    void aCompoundFindsItsPartsTogetherButNotOnePartAlone() {
        String word = unique();
        long member = fixtures.member(fixtures.organisation());
        ask(member, forum(0), "Loonstrook " + word + " onleesbaar", "Sinds de update.");
        ask(member, forum(0), "Strook met het loon " + word, "Die strook staat onder het loon.");
        ask(member, forum(0), "Loon " + word + " te laat", "Het loon kwam een week later.");

        assertThat(find(member, "loonstrook " + word).hits())
                .extracting(TopicSearch.Hit::title)
                .containsExactlyInAnyOrder("Loonstrook " + word + " onleesbaar", "Strook met het loon " + word);
        assertThat(find(member, "loon " + word).total())
                .as("a part finds the compound too")
                .isEqualTo(3);
    }

    @Test
    void englishWordFormsMatchForMembersWhoUseClanqInEnglish() {
        String word = unique();
        long member = fixtures.member(fixtures.organisation());
        ask(member, forum(0), "Payroll " + word, "The employees were exported twice after the upgrade.");

        assertThat(find(member, "exporting employee " + word, true).total()).isEqualTo(1);
        assertThat(find(member, "exported employees " + word, false).total())
                .as("the same forms match in Dutch too")
                .isEqualTo(1);
    }

    @Test
    void theSnippetOfALongTopicIsThePartWithTheMatches() {
        String word = unique();
        long member = fixtures.member(fixtures.organisation());
        long topic = ask(member, forum(0), "Vraag over de jaarafsluiting", "Hoe pakken jullie dit aan?");
        Posting.Actor actor = new Posting.Actor(access.reader(member, false), "test");
        tx.executeWithoutResult(s -> {
            for (int i = 1; i <= 30; i++) {
                posting.reply(actor, topic, "Bij ons gaat de afsluiting elk jaar via het standaardscherm. ".repeat(5));
            }
            posting.reply(
                    actor,
                    topic,
                    "Eerst dit. " + "Een lange inleiding zonder de woorden. ".repeat(5)
                            + "Daarna zetten wij in de verlofregistratie het vinkje " + word
                            + " aan, en dan loopt het goed. " + "Verder niets bijzonders. ".repeat(20));
        });
        indexing.indexQueued();

        TopicSearch.Hit hit = find(member, "verlof " + word).hits().getFirst();

        assertThat(hit.snippetHtml())
                .as("the part with the words; a compound marked by its part")
                .contains("<mark>verlofregistratie</mark> het vinkje <mark>" + word + "</mark> aan")
                .doesNotContain("standaardscherm");
        assertThat(hit.snippetHtml().length()).isLessThan(300);
    }

    @Test
    void snippetsEscapeHtmlFromPostsApartFromTheHighlight() throws Exception {
        String word = unique();
        long member = fixtures.member(fixtures.organisation());
        ask(member, forum(0), "Vraag over opmaak " + word, "Wat doet <script>alert(1)</script> hier bij " + word + "?");

        String html = page(fixtures.principal(member), "/search?q=" + word);

        assertThat(html).contains("<mark>" + word + "</mark>").doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void rebuildingTheIndexKeepsAnsweringThroughout() throws Exception {
        String word = unique();
        long member = fixtures.member(fixtures.organisation());
        ask(member, forum(0), "Vraag tijdens herindexeren " + word, "Tekst");

        assertThat(indexing.rebuild(null, null)).isTrue();
        List<Long> totals = new ArrayList<>();
        while (indexing.progress().running()) {
            totals.add(find(member, word).total());
        }
        totals.add(find(member, word).total());
        indexing.awaitRebuild(Duration.ofMinutes(1));

        assertThat(totals).isNotEmpty().allMatch(t -> t == 1);
        assertThat(indexing.progress().failed()).isFalse();
    }

    @Test
    void profilesOfAnotherCommunityAreNotFound_S9() {
        Fixtures.Org here = fixtures.organisation();
        long colleague = fixtures.member(here);
        String last = "Vandermeulen" + unique();
        tx.executeWithoutResult(s -> {
            jdbc.sql("update app_user set last_name = ? where id = ?")
                    .params(last, colleague)
                    .update();
            indexing.members(List.of(colleague));
        });
        long sameCommunity = fixtures.member(fixtures.organisation());
        long noCommunity = fixtures.person(Fixtures.unique("los"));

        Reader inside = access.reader(sameCommunity, false);
        Reader outside = access.reader(noCommunity, false);
        List<TopicSearch.MemberHit> found = tx.execute(s -> search.members(inside, last, 5));
        assertThat(found).extracting(TopicSearch.MemberHit::userId).contains(colleague);
        List<TopicSearch.MemberHit> none = tx.execute(s -> search.members(outside, last, 5));
        assertThat(none).isEmpty();
    }

    @Autowired
    nl.clanq.moderation.Sanctions sanctions;

    @Test
    void aBlockedMemberIsNoLongerFoundByMembersButStaffStillFindThem_C10() {
        Fixtures.Org here = fixtures.organisation();
        long blocked = fixtures.member(here);
        String last = "Blokhuis" + unique();
        tx.executeWithoutResult(s -> {
            jdbc.sql("update app_user set last_name = ? where id = ?")
                    .params(last, blocked)
                    .update();
            indexing.members(List.of(blocked));
        });
        Reader member = access.reader(fixtures.member(fixtures.organisation()), false);
        List<TopicSearch.MemberHit> before = tx.execute(s -> search.members(member, last, 5));
        assertThat(before).hasSize(1);

        tx.executeWithoutResult(s ->
                sanctions.blockMember(new nl.clanq.moderation.StaffActor(1, "staff", true), blocked, "Spam", null));

        List<TopicSearch.MemberHit> after = tx.execute(s -> search.members(member, last, 5));
        assertThat(after).isEmpty();
        List<TopicSearch.MemberHit> forStaff = tx.execute(s -> search.members(access.reader(1, true), last, 5));
        assertThat(forStaff).hasSize(1);
    }

    @Test
    void theHeaderDropdownShowsTopicsAndMembers() throws Exception {
        String word = unique();
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        ask(member, forum(0), "Dropdownvraag " + word + " over roosters", "Tekst");

        String fragment = page(fixtures.principal(org.ownerId()), "/search/suggest?q=" + word.substring(0, 8));

        assertThat(fragment).contains("Dropdownvraag", "/search?q=");
        // A whole word typed in another form still finds its stem.
        assertThat(page(fixtures.principal(org.ownerId()), "/search/suggest?q=" + word + "+rooster"))
                .contains("Dropdownvraag");
    }

    @Test
    void administratorsRebuildTheIndexAndModeratorsCannot_S8() throws Exception {
        assertThat(mvc.perform(post("/staff/search/rebuild")
                                .with(user(fixtures.principalByEmail("moderator@clanq.nl")))
                                .with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        indexing.awaitRebuild(Duration.ofMinutes(1));

        mvc.perform(post("/staff/search/rebuild").with(user(fixtures.staff())).with(csrf()));
        indexing.awaitRebuild(Duration.ofMinutes(1));

        assertThat(page(fixtures.staff(), "/staff/search")).contains("onderwerpen in de index");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'search.index.rebuilt'")
                        .query(Integer.class)
                        .single())
                .isPositive();
    }
}
