package nl.clanq.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Spring Session's JDBC sessions, with the last access kept to the minute. Spring Session's filter
 * sets the last access at the start of every request, and that alone made every request's session
 * "changed": a transaction and an update statement at its end, about 5 % of a topic page (issue
 * #10). Here a newer last access is taken only once the stored one is {@link
 * SessionStore#LAST_ACCESS_GRANULARITY_MILLIS} old; everything else goes to Spring Session as is.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class MinuteAccessSessions implements FindByIndexNameSessionRepository<MinuteAccessSessions.MinuteAccessSession> {

    private static final Duration GRANULARITY = Duration.ofMillis(SessionStore.LAST_ACCESS_GRANULARITY_MILLIS);

    private final FindByIndexNameSessionRepository delegate;

    MinuteAccessSessions(JdbcIndexedSessionRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public MinuteAccessSession createSession() {
        return new MinuteAccessSession(delegate.createSession());
    }

    @Override
    public void save(MinuteAccessSession session) {
        delegate.save(session.session);
    }

    @Override
    public MinuteAccessSession findById(String id) {
        Session session = (Session) delegate.findById(id);
        return session == null ? null : new MinuteAccessSession(session);
    }

    @Override
    public void deleteById(String id) {
        delegate.deleteById(id);
    }

    @Override
    public Map<String, MinuteAccessSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        Map<String, Session> found = delegate.findByIndexNameAndIndexValue(indexName, indexValue);
        Map<String, MinuteAccessSession> sessions = new LinkedHashMap<>();
        found.forEach((id, session) -> sessions.put(id, new MinuteAccessSession(session)));
        return sessions;
    }

    /** A JDBC session whose last access moves only when the stored one is a minute old. */
    static final class MinuteAccessSession implements Session {

        private final Session session;

        MinuteAccessSession(Session session) {
            this.session = session;
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            if (Duration.between(session.getLastAccessedTime(), lastAccessedTime)
                            .compareTo(GRANULARITY)
                    >= 0) {
                session.setLastAccessedTime(lastAccessedTime);
            }
        }

        @Override
        public Instant getLastAccessedTime() {
            return session.getLastAccessedTime();
        }

        @Override
        public String getId() {
            return session.getId();
        }

        @Override
        public String changeSessionId() {
            return session.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String attributeName) {
            return session.getAttribute(attributeName);
        }

        @Override
        public Set<String> getAttributeNames() {
            return session.getAttributeNames();
        }

        @Override
        public void setAttribute(String attributeName, Object attributeValue) {
            session.setAttribute(attributeName, attributeValue);
        }

        @Override
        public void removeAttribute(String attributeName) {
            session.removeAttribute(attributeName);
        }

        @Override
        public Instant getCreationTime() {
            return session.getCreationTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            session.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return session.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return session.isExpired();
        }
    }
}
