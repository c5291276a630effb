package nl.clanq.forums;

/** A member asked a question: a new topic with its first post. */
public record TopicPosted(long topicId, long forumId, long postId, long authorId) {}
