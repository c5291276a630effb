package nl.clanq.forums;

import java.time.Instant;
import java.util.List;

/** Read models of the forum pages: one typed record per page, filled by a fixed number of queries. */
public final class ForumViews {

    private ForumViews() {}

    /** A forum on the index, readable or shown as locked (C6). */
    public record ForumEntry(ForumRef forum, boolean readable, int unreadTopics) {}

    public record Community(long vendorId, String vendorName, List<ForumEntry> forums) {}

    public record TopicRow(
            long id,
            String title,
            long authorId,
            String authorName,
            Instant createdAt,
            Instant lastPostAt,
            String lastPosterName,
            int replyCount,
            int viewCount,
            boolean solved,
            boolean pinned,
            boolean closed,
            Integer lastReadPosition,
            String forumName,
            String forumPath) {

        public boolean unread() {
            return lastReadPosition == null;
        }

        public int newReplies() {
            return lastReadPosition == null ? 0 : Math.max(0, replyCount - lastReadPosition);
        }
    }

    public record TopicList(List<TopicRow> rows, int page, int pages, long total) {}

    public record PostView(
            long id,
            int position,
            long authorId,
            String authorName,
            String organisation,
            boolean formerMember,
            String html,
            String source,
            Instant createdAt,
            Instant editedAt,
            boolean editedByStaff,
            String editReason,
            boolean deleted,
            boolean deletedByStaff,
            boolean hidden,
            String hiddenReason,
            boolean accepted) {

        public boolean question() {
            return position == 0;
        }

        public boolean edited() {
            return editedAt != null;
        }
    }

    /** A topic as the reader sees it; {@code hasNotes}: it was moved or had topics merged into it (C13). */
    public record TopicView(
            long id,
            ForumRef forum,
            String title,
            long authorId,
            int replyCount,
            int viewCount,
            Long acceptedPostId,
            boolean pinned,
            boolean closed,
            Instant createdAt,
            boolean hasNotes) {

        public boolean solved() {
            return acceptedPostId != null;
        }

        public String path() {
            return "/topics/" + id;
        }
    }

    /**
     * C13: a line of a topic's history shown on its page: moved from the forum {@code subject}, or
     * merged with the topic titled {@code subject}; by staff, with their reason.
     */
    public record TopicNote(String kind, String subject, String reason, Instant at) {

        public boolean moved() {
            return "MOVED".equals(kind);
        }
    }

    public record Revision(int number, String source, String editedBy, Instant editedAt, String reason) {}
}
