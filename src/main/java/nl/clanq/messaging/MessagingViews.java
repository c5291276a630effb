package nl.clanq.messaging;

import java.time.Instant;
import java.util.List;

/** Read models of the message pages. */
public final class MessagingViews {

    private MessagingViews() {}

    public record ConversationRow(
            long id,
            String subject,
            String participants,
            Instant lastMessageAt,
            int unread,
            boolean staffInbox,
            boolean muted,
            boolean left,
            String status,
            String assignedTo) {}

    public record MessageView(
            long id, long authorId, String authorName, boolean asStaffInbox, String html, Instant at, boolean hidden) {}

    public record Participant(long userId, String name, String organisation, boolean left) {}

    public record ConversationView(
            long id,
            String subject,
            boolean staffInbox,
            String status,
            Long assignedTo,
            List<Participant> participants,
            List<MessageView> messages,
            boolean mayPost,
            boolean muted,
            boolean viewerIsStaff) {}
}
