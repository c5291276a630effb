package nl.clanq.organisations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.clanq.IntegrationTest;
import nl.clanq.QueryCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The checks in front of every member page (policy, standing, licences) are read in one statement
 * per request, and yet always as they are: a change made earlier in the same request counts.
 */
@IntegrationTest
class MemberReadingsIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Organisations organisations;

    @Autowired
    SecurityPolicies policies;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @BeforeEach
    void inARequest() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
    }

    @AfterEach
    void requestDone() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void policyStandingAndLicencesOfARequestCostOneStatement_C3_C5_S3() {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);

        QueryCounter.start();
        Views.Standing owner = organisations.standing(org.ownerId());
        Views.Standing standing = organisations.standing(member);
        Organisations.Licensing licensing = organisations.licensing(member);
        boolean twoFactor = policies.requiresTwoFactor(member);
        int idle = policies.idleMinutes(member);
        int statements = QueryCounter.stop();

        assertThat(statements).isEqualTo(2); // one per person
        assertThat(owner.owner()).isTrue();
        assertThat(standing.owner()).isFalse();
        assertThat(standing.organisationId()).isEqualTo(org.id());
        assertThat(standing.mayUseMemberPages()).isTrue();
        assertThat(licensing.communities()).containsExactly(fixtures.vendor().id());
        assertThat(licensing.modules())
                .containsExactly(fixtures.modules().get(0).id());
        assertThat(twoFactor).isFalse();
        assertThat(idle).isEqualTo(SecurityPolicies.DEFAULT_IDLE_MINUTES);
    }

    @Test
    void aPersonWithoutAnOrganisationHasNoStandingPolicyOrLicences_C3() {
        long person = fixtures.person(Fixtures.unique("los"));

        assertThat(organisations.standing(person).mayUseMemberPages()).isFalse();
        assertThat(organisations.standing(person).organisationId()).isNull();
        assertThat(policies.policyOfUser(person)).isEmpty();
        assertThat(organisations.licensing(person).communities()).isEmpty();
    }

    @Test
    void aSeatRemovedEarlierInTheRequestCountsForItsNextQuestion_C3_C5() {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        assertThat(organisations.standing(member).mayUseMemberPages()).isTrue();

        tx.executeWithoutResult(status -> jdbc.sql("delete from membership_seat where user_id = ?")
                .param(member)
                .update());

        assertThat(organisations.standing(member).mayUseMemberPages()).isFalse();
        assertThat(organisations.licensing(member).communities()).isEmpty();
    }

    @Test
    void aPolicyChangedInsideTheRequestsTransactionCountsBeforeItCommits_S3() {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        assertThat(policies.requiresTwoFactor(member)).isFalse();

        List<Boolean> seen = tx.execute(status -> {
            jdbc.sql("insert into organisation_security (organisation_id, require_two_factor, idle_minutes)"
                            + " values (?, true, 15)")
                    .param(org.id())
                    .update();
            return List.of(policies.requiresTwoFactor(member), policies.idleMinutes(member) == 15);
        });

        assertThat(seen).containsExactly(true, true);
        assertThat(policies.requiresTwoFactor(member)).isTrue();
    }
}
