package nl.clanq.forums;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import nl.clanq.IntegrationTest;
import nl.clanq.TestMail;
import nl.clanq.catalog.Catalog;
import nl.clanq.organisations.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

/** C14: forums follow their modules through renames and retirements; old addresses keep working. */
@IntegrationTest
class ModuleLifecycleIntegrationTests {

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

    private long module(String name) {
        String slug = name.toLowerCase().replace(' ', '-') + "-" + System.nanoTime();
        return tx.execute(s -> catalog.addModule(
                fixtures.vendor().id(), new Catalog.ModuleForm(name, slug, ""), new Catalog.Actor(1, "test")));
    }

    private String slugOf(long moduleId) {
        return jdbc.sql("select slug from forum where module_id = ?")
                .param(moduleId)
                .query(String.class)
                .single();
    }

    private void licence(Fixtures.Org org, long moduleId) {
        tx.executeWithoutResult(
                s -> jdbc.sql("insert into licence (membership_id, module_id, confirmed_at) values (?, ?, now())")
                        .params(org.membershipId(), moduleId)
                        .update());
    }

    @Test
    void aRenamedModulesForumFollowsAndTheOldAddressRedirectsPermanently_C14() throws Exception {
        long moduleId = module("Oude naam");
        String oldSlug = slugOf(moduleId);
        String newSlug = "nieuwe-naam-" + System.nanoTime();

        mvc.perform(post("/staff/modules/" + moduleId)
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("name", "Nieuwe naam")
                .param("slug", newSlug));

        assertThat(slugOf(moduleId)).isEqualTo(newSlug);
        MvcResult old = mvc.perform(get("/forums/personeelsplein/" + oldSlug).with(user(fixtures.staff())))
                .andReturn();
        assertThat(old.getResponse().getStatus()).isEqualTo(301);
        assertThat(old.getResponse().getHeader("Location")).isEqualTo("/forums/personeelsplein/" + newSlug);
    }

    @Test
    void retiringIntoASuccessorMovesTopicsAndLicencesAndTellsTheOwners_C14() throws Exception {
        long retired = module("Verzuim oud");
        long successor = module("Verzuim nieuw");
        Fixtures.Org org = fixtures.organisation();
        licence(org, retired);
        long member = fixtures.member(org);
        long forumId = jdbc.sql("select id from forum where module_id = ?")
                .param(retired)
                .query(Long.class)
                .single();
        ForumRef forum =
                tx.execute(s -> access.reader(member, false).readableForumIds().contains(forumId)
                        ? forums.forumById(forumId).orElseThrow()
                        : null);
        long topicId = tx.execute(s -> posting.ask(
                new Posting.Actor(access.reader(member, false), "test"), forum, "Vraag in de oude module", "Tekst"));
        String oldSlug = slugOf(retired);

        mvc.perform(post("/staff/modules/" + retired + "/retire")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("successor", Long.toString(successor)));

        long successorForum = jdbc.sql("select id from forum where module_id = ?")
                .param(successor)
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("select forum_id from topic where id = ?")
                        .param(topicId)
                        .query(Long.class)
                        .single())
                .isEqualTo(successorForum);
        assertThat(jdbc.sql(
                                "select count(*) from licence where membership_id = ? and module_id = ? and confirmed_at is not null")
                        .params(org.membershipId(), successor)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from licence where module_id = ?")
                        .param(retired)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(TestMail.awaitMail(org.ownerEmail(), "is opgegaan").text()).contains("Verzuim nieuw");
        MvcResult old = mvc.perform(get("/forums/personeelsplein/" + oldSlug).with(user(fixtures.principal(member))))
                .andReturn();
        assertThat(old.getResponse().getStatus()).isEqualTo(301);
        assertThat(old.getResponse().getHeader("Location")).isEqualTo("/forums/personeelsplein/" + slugOf(successor));
        // The member still reads the moved topic: their licence moved with it.
        assertThat(mvc.perform(get("/topics/" + topicId).with(user(fixtures.principal(member))))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'catalog.module.retired-into-successor' and target_id = ?")
                        .param(Long.toString(retired))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void retiringWithoutSuccessorMakesTheForumAReadOnlyArchive_C14() throws Exception {
        long moduleId = module("Oude module");
        Fixtures.Org org = fixtures.organisation();
        licence(org, moduleId);
        long member = fixtures.member(org);
        String slug = slugOf(moduleId);

        mvc.perform(post("/staff/modules/" + moduleId + "/retire")
                .with(user(fixtures.staff()))
                .with(csrf()));

        String page = mvc.perform(get("/forums/personeelsplein/" + slug).with(user(fixtures.principal(member))))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Dit forum is een archief").doesNotContain("Vraag stellen</a>");
        assertThat(mvc.perform(post("/forums/personeelsplein/" + slug + "/new")
                                .with(user(fixtures.principal(member)))
                                .with(csrf())
                                .param("title", "Nog een vraag in het archief")
                                .param("body", "Tekst"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void similarQuestionsComeOnlyFromForumsTheMemberMayRead_C5() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        long readable = jdbc.sql("select id from forum where module_id = ?")
                .param(fixtures.modules().get(0).id())
                .query(Long.class)
                .single();
        ForumRef forum = forums.forumById(readable).orElseThrow();
        tx.executeWithoutResult(s -> posting.ask(
                new Posting.Actor(access.reader(member, false), "test"),
                forum,
                "Verlofsaldo wordt dubbel opgebouwd bij twee dienstverbanden",
                "Tekst"));
        long lockedModule = module("Afgeschermd");
        Fixtures.Org other = fixtures.organisation();
        licence(other, lockedModule);
        long otherMember = fixtures.member(other);
        long lockedForum = jdbc.sql("select id from forum where module_id = ?")
                .param(lockedModule)
                .query(Long.class)
                .single();
        tx.executeWithoutResult(s -> posting.ask(
                new Posting.Actor(access.reader(otherMember, false), "test"),
                forums.forumById(lockedForum).orElseThrow(),
                "Verlofsaldo dubbel opgebouwd in afgeschermd forum",
                "Tekst"));

        String fragment = mvc.perform(get("/topics/similar")
                        .param("title", "verlofsaldo dubbel opgebouwd")
                        .with(user(fixtures.principal(member))))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(fragment)
                .contains("Verlofsaldo wordt dubbel opgebouwd bij twee dienstverbanden")
                .doesNotContain("afgeschermd forum");
    }
}
