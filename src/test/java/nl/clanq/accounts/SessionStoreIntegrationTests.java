package nl.clanq.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import nl.clanq.IntegrationTest;
import nl.clanq.QueryCounter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

@IntegrationTest
class SessionStoreIntegrationTests {

    @Autowired
    FindByIndexNameSessionRepository<? extends Session> primary;

    /**
     * Two tabs that open at once: each request reads the session, both set an attribute it did not
     * have yet, and both save. Before, the second save failed on the attribute's primary key and
     * that tab showed an error page.
     */
    @Test
    void twoRequestsThatBothAddTheSameAttributeBothSucceed() {
        assertThat(lastOfTwoConcurrentSaves(primary)).isEqualTo(Instant.parse("2026-11-21T08:00:01Z"));
    }

    /**
     * Spring Session sets the last access at the start of every request. Within the minute that
     * costs nothing at the request's end: no transaction, no statement. Once the stored last access
     * is a minute old it is written, so the idle limit (S5) still sees the person active.
     */
    @Test
    void aRequestWithinAMinuteOfTheStoredLastAccessSavesNothing_S5() {
        assertThat(primary).isInstanceOf(MinuteAccessSessions.class);
        Session created = createdAndSaved(primary);
        Instant stored = created.getLastAccessedTime();

        Session again = primary.findById(created.getId());
        again.setLastAccessedTime(stored.plusSeconds(59));
        QueryCounter.start();
        save(primary, again);
        assertThat(QueryCounter.stop()).isZero();
        assertThat(primary.findById(created.getId()).getLastAccessedTime()).isEqualTo(stored);

        Session later = primary.findById(created.getId());
        later.setLastAccessedTime(stored.plusSeconds(61));
        save(primary, later);
        assertThat(primary.findById(created.getId()).getLastAccessedTime()).isEqualTo(stored.plusSeconds(61));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Session createdAndSaved(FindByIndexNameSessionRepository repository) {
        Session created = repository.createSession();
        created.setAttribute("person", 1L);
        repository.save(created);
        return repository.findById(created.getId());
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void save(FindByIndexNameSessionRepository repository, Session session) {
        repository.save(session);
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
