package nl.clanq.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import nl.clanq.IntegrationTest;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.Profile;
import nl.clanq.catalog.Catalog;
import nl.clanq.organisations.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class DirectoryIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Accounts accounts;

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    private void specialise(long userId, String specialism, String city) {
        tx.executeWithoutResult(s -> accounts.updateProfile(
                userId,
                new Profile("Sanne", "Specialist", "Salarisadministrateur", city, "", false, "", List.of(specialism))));
    }

    private String page(long viewer, String query) throws Exception {
        return mvc.perform(get("/members?" + query).with(user(fixtures.principal(viewer))))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void membersFindEachOtherBySpecialismAndCityWithinTheirCommunity_C8() throws Exception {
        String specialism = "pensioenaangifte" + System.nanoTime();
        long expert = fixtures.member(fixtures.organisation());
        specialise(expert, specialism, "Harderwijk");
        long viewer = fixtures.member(fixtures.organisation());

        assertThat(page(viewer, "q=" + specialism)).contains("Sanne Specialist").contains("1 lid gevonden");
        assertThat(page(viewer, "q=HARDERWIJK")).contains("Sanne Specialist");
        // The profile shows the contact details (C8).
        String profile = mvc.perform(get("/members/" + expert).with(user(fixtures.principal(viewer))))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(profile).contains(specialism).contains("mailto:");
    }

    @Test
    void membersOfAnotherCommunityAreInvisible_C8_S9() throws Exception {
        String specialism = "verzuimspecialist" + System.nanoTime();
        long expert = fixtures.member(fixtures.organisation());
        specialise(expert, specialism, "Ede");
        long vendor = tx.execute(s -> catalog.createVendor(
                new Catalog.VendorForm("Elders " + System.nanoTime(), "elders-" + System.nanoTime(), "", "", false),
                new Catalog.Actor(1, "test")));
        tx.executeWithoutResult(s -> catalog.addModule(
                vendor, new Catalog.ModuleForm("Payroll", "payroll", ""), new Catalog.Actor(1, "test")));
        long stranger = fixtures.organisation(vendor).ownerId();

        assertThat(page(stranger, "q=" + specialism))
                .doesNotContain("Sanne Specialist")
                .contains("Geen leden gevonden");
        assertThat(mvc.perform(get("/members/" + expert).with(user(fixtures.principal(stranger))))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        // Staff see everyone.
        assertThat(mvc.perform(get("/members?q=" + specialism).with(user(fixtures.staff())))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Sanne Specialist");
    }

    @Test
    void theModuleFilterListsOnlyMembersWhoseOrganisationHoldsThatLicence_C6_C8() throws Exception {
        String specialism = "jaarwerk" + System.nanoTime();
        Fixtures.Org licensed = fixtures.organisation();
        long moduleId = fixtures.modules().get(4).id();
        tx.executeWithoutResult(
                s -> jdbc.sql("insert into licence (membership_id, module_id, confirmed_at) values (?, ?, now())")
                        .params(licensed.membershipId(), moduleId)
                        .update());
        long withAccess = fixtures.member(licensed);
        specialise(withAccess, specialism, "Assen");
        long without = fixtures.member(fixtures.organisation());
        specialise(without, specialism, "Emmen");

        String page = page(without, "q=" + specialism + "&module=" + moduleId);

        assertThat(page).contains("Assen").doesNotContain("Emmen").contains("1 lid gevonden");
    }
}
