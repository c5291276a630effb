package nl.clanq.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.TreeMap;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one audit entry per {@link Audited} event. Deliberately a plain, synchronous listener:
 * the insert joins the publisher's transaction, and a failure propagates to the publisher so that
 * the act rolls back with it. No act without its entry, no entry for an act that never happened.
 */
@Component
class AuditLogWriter {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditLogWriter(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventListener
    void on(Audited event) {
        AuditFacts facts = Objects.requireNonNull(event.audit(), "audit facts");
        // Fail loudly here rather than with a constraint violation, so the publisher's log names the event.
        Objects.requireNonNull(
                facts.action(), () -> "audit action of " + event.getClass().getName());
        Objects.requireNonNull(
                facts.actorLabel(),
                () -> "audit actor label of " + event.getClass().getName());
        jdbc.sql(
                        """
                        insert into audit_log (actor_user_id, actor_label, action, target_type, target_id,
                                               organisation_id, ip, details)
                        values (:actorUserId, :actorLabel, :action, :targetType, :targetId,
                                :organisationId, :ip, cast(:details as jsonb))
                        """)
                .param("actorUserId", facts.actorUserId())
                .param("actorLabel", facts.actorLabel())
                .param("action", facts.action())
                .param("targetType", facts.targetType())
                .param("targetId", facts.targetId())
                .param("organisationId", facts.organisationId())
                .param("ip", clientAddress())
                // Sorted keys keep the stored text stable, which makes free-text search predictable.
                .param("details", json.writeValueAsString(new TreeMap<>(facts.details())))
                .update();
    }

    /** The address of the current HTTP request; {@code null} for jobs and other work outside a request. */
    private static String clientAddress() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            // Trusted proxies (X-Forwarded-For) come with a later issue; until then the socket address.
            return request.getRemoteAddr();
        }
        return null;
    }
}
