package nl.clanq.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import nl.clanq.IntegrationTest;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.organisations.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Staff maintain the vendors (one community each) and their modules. Every vendor made here is
 * named "Testleverancier …" and switched off afterwards: a second active vendor changes what the
 * public registration page offers, which other tests walk through.
 */
@IntegrationTest
class CatalogIntegrationTests {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void switchOffTestVendors() {
        jdbc.sql("update vendor set active = false where name like 'Testleverancier %'")
                .update();
    }

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    private static String uniqueName() {
        return "Testleverancier " + System.nanoTime() + "-" + SEQ.incrementAndGet();
    }

    private MockHttpServletRequestBuilder createVendor(String name, String slug, String website) {
        return post("/staff/vendors")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("name", name)
                .param("slug", slug)
                .param("website", website)
                .param("description", "Leverancier van HR-software voor de test.")
                .param("active", "true");
    }

    private long vendorIdFrom(MvcResult created) {
        String location = created.getResponse().getRedirectedUrl();
        assertThat(location).as("redirect after creating a vendor").startsWith("/staff/vendors/");
        return Long.parseLong(location.substring("/staff/vendors/".length()));
    }

    private int vendorsNamed(String name) {
        return jdbc.sql("select count(*) from vendor where name = ?")
                .param(name)
                .query(Integer.class)
                .single();
    }

    @Test
    void staffCreateAVendorAndAddAModule_C1_C2() throws Exception {
        String name = uniqueName();

        long vendorId = vendorIdFrom(perform(createVendor(name, "", "https://www.voorbeeld.nl")));

        VendorView vendor = catalog.getVendor(vendorId);
        assertThat(vendor.name()).isEqualTo(name);
        assertThat(vendor.website()).isEqualTo("https://www.voorbeeld.nl");
        assertThat(vendor.active()).isTrue();
        assertThat(perform(get("/staff/vendors").with(user(fixtures.staff())))
                        .getResponse()
                        .getContentAsString())
                .contains(name)
                .contains(vendor.slug());

        MvcResult added = perform(post("/staff/vendors/" + vendorId + "/modules")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("name", "Roosterplanning")
                .param("slug", "")
                .param("description", "Roosters en diensten."));

        assertThat(added.getResponse().getRedirectedUrl()).isEqualTo("/staff/vendors/" + vendorId);
        List<ModuleView> modules = catalog.modules(vendorId);
        assertThat(modules).extracting(ModuleView::name).containsExactly("Roosterplanning");
        assertThat(modules.getFirst().slug()).isEqualTo("roosterplanning");
        assertThat(modules.getFirst().active()).isTrue();
        // The new module is offered to organisations of this vendor (C2).
        assertThat(catalog.activeModules(vendorId))
                .extracting(ModuleView::id)
                .contains(modules.getFirst().id());
        assertThat(perform(get("/staff/vendors/" + vendorId).with(user(fixtures.staff())))
                        .getResponse()
                        .getContentAsString())
                .contains("Roosterplanning")
                .contains("roosterplanning");
    }

    @Test
    void anEmptySlugIsMadeFromTheName_C1() throws Exception {
        long stamp = System.nanoTime();
        String name = "Testleverancier Équipe Zorg & Welzijn " + stamp;

        long vendorId = vendorIdFrom(perform(createVendor(name, "", "")));

        assertThat(catalog.getVendor(vendorId).slug()).isEqualTo("testleverancier-equipe-zorg-welzijn-" + stamp);
        perform(post("/staff/vendors/" + vendorId + "/modules")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("name", "Verlof & Verzuim (nieuw)")
                .param("slug", ""));
        assertThat(catalog.modules(vendorId)).extracting(ModuleView::slug).containsExactly("verlof-verzuim-nieuw");
    }

    @Test
    void aDuplicateSlugIsRefusedWithADutchMessage_C1_C2() throws Exception {
        String first = uniqueName();
        long vendorId = vendorIdFrom(perform(createVendor(first, "", "")));
        String takenSlug = catalog.getVendor(vendorId).slug();
        String second = uniqueName();

        MvcResult refused = perform(createVendor(second, takenSlug, ""));

        assertThat(refused.getResponse().getStatus()).isEqualTo(200);
        assertThat(refused.getResponse().getContentAsString()).contains("Deze korte naam is al in gebruik.");
        assertThat(vendorsNamed(second)).isZero();

        // Within one vendor a module slug is unique too.
        perform(post("/staff/vendors/" + vendorId + "/modules")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("name", "Salaris")
                .param("slug", "salaris"));
        MvcResult moduleRefused = perform(post("/staff/vendors/" + vendorId + "/modules")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("name", "Salaris bis")
                .param("slug", "salaris"));
        assertThat(moduleRefused.getResponse().getContentAsString()).contains("Deze korte naam is al in gebruik.");
        assertThat(catalog.modules(vendorId)).extracting(ModuleView::name).containsExactly("Salaris");
    }

    @Test
    void anInvalidWebsiteIsRefused_C1() throws Exception {
        for (String website : List.of("www.zonder-schema.nl", "javascript:alert(1)", "https://met spatie.nl")) {
            String name = uniqueName();

            MvcResult refused = perform(createVendor(name, "", website));

            assertThat(refused.getResponse().getStatus()).as(website).isEqualTo(200);
            assertThat(refused.getResponse().getContentAsString())
                    .as(website)
                    .contains("Vul een webadres in dat begint met http:// of https://.");
            assertThat(vendorsNamed(name)).as(website).isZero();
        }
    }

    @Test
    void membersAndVisitorsGet404OnTheStaffCatalog_C1() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        var owner = fixtures.principal(org.ownerId());
        long vendorId = fixtures.vendor().id();
        int modulesBefore = catalog.modules(vendorId).size();
        String name = uniqueName();

        assertThat(perform(get("/staff/vendors")).getResponse().getStatus()).isEqualTo(404);
        assertThat(perform(get("/staff/vendors").with(user(owner)))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        for (var request : List.of(
                post("/staff/vendors").with(csrf()).param("name", name),
                post("/staff/vendors").with(user(owner)).with(csrf()).param("name", name),
                post("/staff/vendors/" + vendorId + "/modules")
                        .with(user(owner))
                        .with(csrf())
                        .param("name", "Gekaapte module"),
                post("/staff/vendors/" + vendorId)
                        .with(user(owner))
                        .with(csrf())
                        .param("name", "Gekaapt")
                        .param("slug", "personeelsplein"))) {
            MvcResult result = perform(request);
            assertThat(result.getResponse().getStatus())
                    .as(result.getRequest().getMethod() + " "
                            + result.getRequest().getRequestURI())
                    .isEqualTo(404);
        }
        assertThat(vendorsNamed(name)).isZero();
        assertThat(catalog.modules(vendorId)).hasSize(modulesBefore);
        assertThat(catalog.getVendor(vendorId).name()).isEqualTo("Personeelsplein");
    }

    @Test
    void catalogEditsAreAuditedWithTheStaffMember_C1_S8() throws Exception {
        long staffId = ((ClanqPrincipal) fixtures.staff()).id();
        String name = uniqueName();
        long vendorId = vendorIdFrom(perform(createVendor(name, "", "")));
        perform(post("/staff/vendors/" + vendorId + "/modules")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("name", "Personeelsdossier")
                .param("slug", ""));
        long moduleId = catalog.modules(vendorId).getFirst().id();

        Map<String, Object> created = auditEntry("catalog.vendor.created", "vendor", vendorId);
        assertThat(created.get("actor_user_id")).isEqualTo(staffId);
        assertThat((String) created.get("actor_label")).contains("beheer@clanq.nl");
        assertThat(created.get("details").toString()).contains(name);

        Map<String, Object> added = auditEntry("catalog.module.added", "module", moduleId);
        assertThat(added.get("actor_user_id")).isEqualTo(staffId);
        assertThat(added.get("details").toString()).contains("Personeelsdossier");

        // Staff read the entries in their log.
        assertThat(perform(get("/staff/audit").with(user(fixtures.staff())))
                        .getResponse()
                        .getContentAsString())
                .contains("catalog.vendor.created")
                .contains("catalog.module.added");
    }

    private Map<String, Object> auditEntry(String action, String targetType, long targetId) {
        return jdbc.sql(
                        """
                        select actor_user_id, actor_label, details::text as details from audit_log
                        where action = ? and target_type = ? and target_id = ?""")
                .params(action, targetType, Long.toString(targetId))
                .query()
                .singleRow();
    }
}
