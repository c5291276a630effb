package nl.clanq.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import nl.clanq.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

@IntegrationTest
class SessionStoreIntegrationTests {

    @Autowired
    JdbcIndexedSessionRepository sessions;

    /**
     * Two tabs that open at once: each request reads the session, both set an attribute it did not
     * have yet, and both save. Before, the second save failed on the attribute's primary key and
     * that tab showed an error page.
     */
    @Test
    void twoRequestsThatBothAddTheSameAttributeBothSucceed() {
        assertThat(lastOfTwoConcurrentSaves(sessions)).isEqualTo(Instant.parse("2026-11-21T08:00:01Z"));
    }

    private static <S extends Session> Instant lastOfTwoConcurrentSaves(SessionRepository<S> repository) {
        S created = repository.createSession();
        created.setAttribute("person", 1L);
        repository.save(created);

        S first = repository.findById(created.getId());
        S second = repository.findById(created.getId());
        first.setAttribute("started", Instant.parse("2026-11-21T08:00:00Z"));
        second.setAttribute("started", Instant.parse("2026-11-21T08:00:01Z"));
        repository.save(first);
        repository.save(second);
        return repository.findById(created.getId()).getAttribute("started");
    }
}
