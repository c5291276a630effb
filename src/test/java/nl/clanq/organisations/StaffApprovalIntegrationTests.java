package nl.clanq.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import nl.clanq.IntegrationTest;
import nl.clanq.TestMail;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.catalog.Catalog;
import nl.clanq.catalog.ModuleView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Staff review registrations and licence changes (C3, C5); what the owner sees and gets mailed. */
@IntegrationTest
class StaffApprovalIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Organisations organisations;

    @Autowired
    Catalog catalog;

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    /** Vendors made here are switched off afterwards: a second active vendor changes the public register page. */
    @AfterEach
    void switchOffTestVendors() {
        jdbc.sql("update vendor set active = false where name like 'Testleverancier %'")
                .update();
    }

    /** A client address of its own, so this class does not use up the shared 127.0.0.1 budgets (S11). */
    private static RequestPostProcessor fromOwnAddress() {
        String ip = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
        return request -> {
            request.setRemoteAddr(ip);
            return request;
        };
    }

    /** A registration through the public form, confirmed with the mailed code: PENDING for staff. */
    private Registered register(String email) throws Exception {
        List<ModuleView> modules = fixtures.modules();
        RequestPostProcessor from = fromOwnAddress();
        Cookie session = perform(post("/register/personeelsplein")
                        .with(from)
                        .with(csrf())
                        .param("organisationName", "Gemeente Goedkeuring")
                        .param("kvkNumber", "76543210")
                        .param("city", "Beoordeeldorp")
                        .param("industry", "government")
                        .param("employees", "251-1000")
                        .param("modules", Long.toString(modules.get(1).id()))
                        .param("modules", Long.toString(modules.get(2).id()))
                        .param("firstName", "Ria")
                        .param("lastName", "Registrant")
                        .param("email", email)
                        .param("jobTitle", "Functioneel beheerder")
                        .param("password", "een lange zin als wachtwoord")
                        .param("acceptTerms", "true")
                        .param("acceptPrivacy", "true"))
                .getResponse()
                .getCookie("CLANQ_SESSION");
        String code = TestMail.awaitMail(email, "bevestigingscode").text().replaceAll("(?s).*?\\b(\\d{6})\\b.*", "$1");
        MvcResult confirmed = perform(post("/register/confirm")
                .cookie(session)
                .with(from)
                .with(csrf())
                .param("code", code));
        assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/register/done");
        long userId = jdbc.sql("select id from app_user where email = ?")
                .param(email)
                .query(Long.class)
                .single();
        long membershipId = jdbc.sql("select id from membership where applied_by = ?")
                .param(userId)
                .query(Long.class)
                .single();
        assertThat(status(membershipId)).isEqualTo("PENDING");
        return new Registered(
                userId, membershipId, Set.of(modules.get(1).id(), modules.get(2).id()));
    }

    record Registered(long userId, long membershipId, Set<Long> modules) {}

    @Test
    void approvalActivatesTheMembershipConfirmsLicencesAndMailsTheOwner_C3() throws Exception {
        String email = Fixtures.unique("approved");
        Registered r = register(email);
        var owner = fixtures.principal(r.userId());
        assertThat(perform(get("/start").with(user(owner))).getResponse().getRedirectedUrl())
                .endsWith("/pending");
        assertThat(organisations.licensing(r.userId()).modules()).isEmpty();
        assertThat(perform(get("/staff/registrations").with(user(fixtures.staff())))
                        .getResponse()
                        .getContentAsString())
                .contains(email);

        MvcResult approved = perform(post("/staff/registrations/" + r.membershipId() + "/approve")
                .with(user(fixtures.staff()))
                .with(csrf()));

        assertThat(approved.getResponse().getRedirectedUrl()).isEqualTo("/staff/registrations");
        assertThat(status(r.membershipId())).isEqualTo("ACTIVE");
        assertThat(jdbc.sql("select count(*) from licence where membership_id = ? and confirmed_at is null")
                        .param(r.membershipId())
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(organisations.licensing(r.userId()).modules()).containsExactlyInAnyOrderElementsOf(r.modules());
        TestMail.ReceivedMail mail = TestMail.awaitMail(email, "is actief");
        assertThat(mail.subject()).contains("Personeelsplein");
        MvcResult start = perform(get("/start").with(user(owner)));
        assertThat(start.getResponse().getStatus()).isEqualTo(200);
        assertThat(start.getResponse().getContentAsString())
                .contains("Welkom, Ria Registrant")
                .contains("Community Personeelsplein")
                .doesNotContain("nog niet bevestigd");
        // The application left the queue.
        assertThat(perform(get("/staff/registrations").with(user(fixtures.staff())))
                        .getResponse()
                        .getContentAsString())
                .doesNotContain(email);
    }

    @Test
    void rejectionWithoutAReasonIsRefusedAndChangesNothing_C3() throws Exception {
        String email = Fixtures.unique("noreason");
        Registered r = register(email);

        MvcResult refused = perform(post("/staff/registrations/" + r.membershipId() + "/reject")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("reason", "   "));

        assertThat(refused.getResponse().getStatus()).isEqualTo(200);
        assertThat(refused.getResponse().getContentAsString()).contains("Vul de reden van de afwijzing in.");
        assertThat(status(r.membershipId())).isEqualTo("PENDING");
        assertThat(jdbc.sql("select count(*) from membership_seat where membership_id = ?")
                        .param(r.membershipId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        // No rejection mail was queued.
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = ? and kind = 'organisation.rejected'")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(perform(get("/pending").with(user(fixtures.principal(r.userId()))))
                        .getResponse()
                        .getContentAsString())
                .contains("wordt beoordeeld door Clanqbeheer");
    }

    @Test
    void rejectionWithAReasonIsMailedAndShownOnThePendingPage_C3() throws Exception {
        String email = Fixtures.unique("rejected");
        Registered r = register(email);
        String reason = "Wij konden geen klantrelatie met Personeelsplein vaststellen voor KvK 76543210.";

        MvcResult rejected = perform(post("/staff/registrations/" + r.membershipId() + "/reject")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("reason", reason));

        assertThat(rejected.getResponse().getRedirectedUrl()).isEqualTo("/staff/registrations");
        assertThat(status(r.membershipId())).isEqualTo("REJECTED");
        TestMail.ReceivedMail mail = TestMail.awaitMail(email, "Uw aanmelding voor de Personeelsplein-community");
        assertThat(mail.text()).contains("afgewezen").contains(reason);
        var owner = fixtures.principal(r.userId());
        assertThat(perform(get("/start").with(user(owner))).getResponse().getRedirectedUrl())
                .endsWith("/pending");
        assertThat(perform(get("/pending").with(user(owner))).getResponse().getContentAsString())
                .contains("De aanmelding voor de Personeelsplein-community is afgewezen.")
                .contains(reason);
        assertThat(organisations.licensing(r.userId()).modules()).isEmpty();
    }

    @Test
    void licenceChangeGivesAccessOnlyAfterStaffApproval_C5() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        long kept = fixtures.modules().get(0).id();
        long added = fixtures.modules().get(3).id();
        var owner = fixtures.principal(org.ownerId());
        // The organisation holds the first module; it asks for the fourth instead.
        assertThat(organisations.licensing(member).modules()).containsExactly(kept);

        MvcResult requested = perform(post("/organisation/memberships/" + org.membershipId() + "/licences")
                .with(user(owner))
                .with(csrf())
                .param("modules", Long.toString(added))
                .param("note", "We zijn overgestapt op selfservice."));

        assertThat(requested.getResponse().getRedirectedUrl())
                .isEqualTo("/organisation/memberships/" + org.membershipId() + "/licences");
        assertThat(organisations.licensing(org.ownerId()).modules()).containsExactly(kept);
        assertThat(organisations.licensing(member).modules()).containsExactly(kept);
        assertThat(perform(get("/organisation/memberships/" + org.membershipId() + "/licences")
                                .with(user(owner)))
                        .getResponse()
                        .getContentAsString())
                .contains("Uw aanvraag wacht op bevestiging door Clanqbeheer.")
                .contains("Erbij: Selfservice")
                .contains("Eraf: Salarisadministratie");
        long requestId = pendingRequest(org);
        assertThat(perform(get("/staff/licence-requests").with(user(fixtures.staff())))
                        .getResponse()
                        .getContentAsString())
                .contains("/staff/licence-requests/" + requestId)
                .contains("We zijn overgestapt op selfservice.");

        MvcResult decided = perform(post("/staff/licence-requests/" + requestId)
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("approve", "true")
                .param("note", "Licentie gezien."));

        assertThat(decided.getResponse().getRedirectedUrl()).isEqualTo("/staff/licence-requests");
        assertThat(organisations.licensing(org.ownerId()).modules()).containsExactly(added);
        assertThat(organisations.licensing(member).modules()).containsExactly(added);
        TestMail.ReceivedMail mail =
                TestMail.awaitMail(org.ownerEmail(), "Uw licentiewijziging voor de Personeelsplein-community");
        assertThat(mail.text()).contains("bevestigd").contains("Licentie gezien.");
        assertThat(auditActions(org)).contains("organisation.licences.requested", "organisation.licences.approved");
    }

    @Test
    void refusedLicenceChangeLeavesAccessAsItWas_C5() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long kept = fixtures.modules().get(0).id();
        long asked = fixtures.modules().get(4).id();
        perform(post("/organisation/memberships/" + org.membershipId() + "/licences")
                .with(user(fixtures.principal(org.ownerId())))
                .with(csrf())
                .param("modules", Long.toString(kept))
                .param("modules", Long.toString(asked)));
        long requestId = pendingRequest(org);

        perform(post("/staff/licence-requests/" + requestId)
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("approve", "false")
                .param("note", "Geen licentie voor rapportage gevonden."));

        assertThat(organisations.licensing(org.ownerId()).modules()).containsExactly(kept);
        TestMail.ReceivedMail mail =
                TestMail.awaitMail(org.ownerEmail(), "Uw licentiewijziging voor de Personeelsplein-community");
        assertThat(mail.text()).contains("niet doorgevoerd").contains("Geen licentie voor rapportage gevonden.");
        // A decided request cannot be decided again.
        assertThat(perform(post("/staff/licence-requests/" + requestId)
                                .with(user(fixtures.staff()))
                                .with(csrf())
                                .param("approve", "true"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(organisations.licensing(org.ownerId()).modules()).containsExactly(kept);
    }

    @Test
    void ownerAppliesForASecondVendorCommunityAndStaffReviewIt_C3() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        var owner = fixtures.principal(org.ownerId());
        ClanqPrincipal staff = (ClanqPrincipal) fixtures.staff();
        String vendorName = "Testleverancier Tweede " + System.nanoTime();
        Catalog.Actor actor = new Catalog.Actor(staff.id(), staff.displayName() + " <" + staff.email() + ">");
        long vendorId = catalog.createVendor(
                new Catalog.VendorForm(vendorName, "tweede-" + System.nanoTime(), "", "", true), actor);
        long moduleId =
                catalog.addModule(vendorId, new Catalog.ModuleForm("Tijdregistratie", "tijdregistratie", ""), actor);
        assertThat(perform(get("/organisation/communities").with(user(owner)))
                        .getResponse()
                        .getContentAsString())
                .contains(vendorName);

        MvcResult applied = perform(post("/organisation/communities")
                .with(user(owner))
                .with(csrf())
                .param("vendor", Long.toString(vendorId))
                .param("modules", Long.toString(moduleId)));

        assertThat(applied.getResponse().getRedirectedUrl()).isEqualTo("/organisation/communities");
        long membershipId = jdbc.sql("select id from membership where organisation_id = ? and vendor_id = ?")
                .params(org.id(), vendorId)
                .query(Long.class)
                .single();
        assertThat(status(membershipId)).isEqualTo("PENDING");
        assertThat(perform(get("/staff/registrations").with(user(fixtures.staff())))
                        .getResponse()
                        .getContentAsString())
                .contains("Testorganisatie — " + vendorName)
                .contains("/staff/registrations/" + membershipId + "/approve");
        // No access to the new vendor's module before staff approve; the first community still works.
        assertThat(organisations.licensing(org.ownerId()).modules()).doesNotContain(moduleId);
        assertThat(perform(get("/start").with(user(owner))).getResponse().getStatus())
                .isEqualTo(200);

        perform(post("/staff/registrations/" + membershipId + "/approve")
                .with(user(fixtures.staff()))
                .with(csrf()));

        assertThat(organisations.licensing(org.ownerId()).modules()).contains(moduleId);
        TestMail.awaitMail(org.ownerEmail(), "Uw lidmaatschap van de " + vendorName + "-community is actief");
    }

    private String status(long membershipId) {
        return jdbc.sql("select status from membership where id = ?")
                .param(membershipId)
                .query(String.class)
                .single();
    }

    private long pendingRequest(Fixtures.Org org) {
        return jdbc.sql("select id from licence_change_request where membership_id = ? and status = 'PENDING'")
                .param(org.membershipId())
                .query(Long.class)
                .single();
    }

    private List<String> auditActions(Fixtures.Org org) {
        return jdbc.sql("select action from audit_log where organisation_id = ? order by id")
                .param(org.id())
                .query(String.class)
                .list();
    }
}
