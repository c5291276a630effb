package nl.clanq.accounts.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import nl.clanq.MovableClock;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.LoginPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The session limits, with a clock the test moves instead of waiting 12 hours. */
class SessionGuardTests {

    private final MovableClock clock = new MovableClock("2026-11-20T08:00:00Z");
    private int idleMinutes = 30;
    private LoginPolicy.Refusal refusal;
    private final LoginPolicy policy = new LoginPolicy() {
        @Override
        public Optional<Refusal> refusal(long userId, String clientAddress) {
            return Optional.ofNullable(refusal);
        }

        @Override
        public int idleMinutes(long userId) {
            return idleMinutes;
        }
    };
    private final SessionGuard guard = new SessionGuard(List.of(policy), clock);
    private final MockHttpSession session = new MockHttpSession();

    private MockHttpServletRequest lastRequest;

    private MockHttpServletResponse request() throws Exception {
        ClanqPrincipal member = new ClanqPrincipal(42, "eva@example.nl", "Eva Jansen", null, true, "x");
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(member, null, member.getAuthorities()));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/start");
        request.setSession(session);
        lastRequest = request;
        MockHttpServletResponse response = new MockHttpServletResponse();
        guard.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aSessionEndsTwelveHoursAfterItStartedWhateverTheActivity_S5() throws Exception {
        assertThat(request().getRedirectedUrl()).isNull();
        clock.move(Duration.ofHours(11).plusMinutes(59));
        assertThat(request().getRedirectedUrl()).isNull();
        clock.move(Duration.ofMinutes(2));

        assertThat(request().getRedirectedUrl()).isEqualTo("/login?ended");
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void theOrganisationsIdleLimitIsAppliedAndFollowsChanges_S5() throws Exception {
        request();
        assertThat(session.getMaxInactiveInterval()).isEqualTo(30 * 60);
        idleMinutes = 5;
        request();
        assertThat(session.getMaxInactiveInterval()).isEqualTo(5 * 60);
    }

    @Test
    void aBlockedPersonsSessionEndsAndOnlyANewOneRemembersThemForTheNotice_C10() throws Exception {
        assertThat(request().getRedirectedUrl()).isNull();
        refusal = LoginPolicy.Refusal.BLOCKED;

        assertThat(request().getRedirectedUrl()).isEqualTo("/login/refused/blocked");
        assertThat(session.isInvalid()).isTrue();
        assertThat(lastRequest.getSession(false)).isNotSameAs(session);
        assertThat(lastRequest.getSession(false).getAttribute(RefusedController.BLOCKED_PERSON))
                .isEqualTo(new RefusedController.BlockedPerson(42, clock.instant()));
    }
}
