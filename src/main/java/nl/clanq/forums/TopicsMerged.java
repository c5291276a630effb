package nl.clanq.forums;

import java.util.Map;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;

/**
 * C13: staff merged a duplicate topic (source) into another (target): every post of the source now
 * belongs to the target, and the source's address redirects there. Audited as {@code
 * forum.topic.merged} (S8).
 */
public record TopicsMerged(long sourceTopicId, long targetTopicId, long staffUserId, String staffLabel, String reason)
        implements Audited {

    @Override
    public AuditFacts audit() {
        return new AuditFacts(
                staffUserId,
                staffLabel,
                "forum.topic.merged",
                "topic",
                Long.toString(sourceTopicId),
                null,
                Map.of(
                        "source", Long.toString(sourceTopicId),
                        "target", Long.toString(targetTopicId),
                        "reason", reason));
    }
}
