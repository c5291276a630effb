package nl.clanq.forums;

/** A member replied in a topic. */
public record ReplyPosted(long topicId, long forumId, long postId, long authorId) {}
