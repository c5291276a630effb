package nl.clanq.accounts;

import java.util.Comparator;
import java.util.List;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/** Ends sessions of a person at once, on every node: they live in the database (Spring Session). */
@Component
public class SessionControl {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    SessionControl(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    /** Session attribute set on sessions that must end at their next request, with the reason. */
    public static final String ENDED = "clanq.session.ended";

    /** Session attributes Clanq sets at login, for the sessions page. */
    public static final String BROWSER = "clanq.session.browser";

    public static final String ADDRESS = "clanq.session.address";

    /** Session attribute set on sessions whose account must be loaded again at their next request. */
    public static final String REFRESH = "clanq.session.refresh";

    /** The person's open sessions, most recently active first. */
    public List<SessionInfo> list(long userId, String currentSessionId) {
        return sessions.findByPrincipalName(Long.toString(userId)).values().stream()
                .filter(s -> !s.isExpired())
                .map(s -> new SessionInfo(
                        s.getId(),
                        s.getAttribute(BROWSER) instanceof String b ? b : "",
                        s.getAttribute(ADDRESS) instanceof String a ? a : "",
                        s.getCreationTime(),
                        s.getLastAccessedTime(),
                        s.getId().equals(currentSessionId)))
                .sorted(Comparator.comparing(SessionInfo::lastActiveAt).reversed())
                .toList();
    }

    /** Ends one session of the person; false when it is not theirs (or gone already). */
    public boolean end(long userId, String sessionId) {
        if (!sessions.findByPrincipalName(Long.toString(userId)).containsKey(sessionId)) {
            return false;
        }
        sessions.deleteById(sessionId);
        return true;
    }

    /**
     * Ends every session of the person at once, but so that their next click still learns why
     * (e.g. {@code locked}): the sessions are marked, and the session guard ends a marked session
     * on its next request and shows the reason instead of a bare login page.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void endAllBecause(long userId, String reason) {
        FindByIndexNameSessionRepository repository = sessions;
        for (Object value : sessions.findByPrincipalName(Long.toString(userId)).values()) {
            Session session = (Session) value;
            session.setAttribute(ENDED, reason);
            repository.save(session);
        }
    }

    /**
     * Makes every session of the person load their account again at its next request, so that a
     * changed staff role (C10) applies from their next click without signing in again.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void refreshAll(long userId) {
        FindByIndexNameSessionRepository repository = sessions;
        for (Object value : sessions.findByPrincipalName(Long.toString(userId)).values()) {
            Session session = (Session) value;
            session.setAttribute(REFRESH, Boolean.TRUE);
            repository.save(session);
        }
    }

    public void endAll(long userId) {
        endAllExcept(userId, null);
    }

    /** Ends every session of the person but {@code keepSessionId} (the one they are using). */
    public void endAllExcept(long userId, String keepSessionId) {
        for (String id : sessions.findByPrincipalName(Long.toString(userId)).keySet()) {
            if (!id.equals(keepSessionId)) {
                sessions.deleteById(id);
            }
        }
    }
}
