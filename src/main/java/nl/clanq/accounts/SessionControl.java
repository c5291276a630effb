package nl.clanq.accounts;

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
