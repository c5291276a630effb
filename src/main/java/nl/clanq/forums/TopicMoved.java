package nl.clanq.forums;

import java.util.Map;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;

/**
 * C13: staff moved a topic to another forum of the same vendor; its address stays the same. Audited
 * as {@code forum.topic.moved} (S8).
 */
public record TopicMoved(
        long topicId,
        long fromForumId,
        long toForumId,
        long authorId,
        long staffUserId,
        String staffLabel,
        String reason,
        boolean licenceGapConfirmed)
        implements Audited {

    @Override
    public AuditFacts audit() {
        return new AuditFacts(
                staffUserId,
                staffLabel,
                "forum.topic.moved",
                "topic",
                Long.toString(topicId),
                null,
                Map.of(
                        "from", Long.toString(fromForumId),
                        "to", Long.toString(toForumId),
                        "reason", reason,
                        "licenceGapConfirmed", Boolean.toString(licenceGapConfirmed)));
    }
}
