package nl.clanq.forums;

/** A topic's text or state changed (an edit, a deletion, an answer unmarked), e.g. for the search index. */
public record TopicChanged(long topicId) {}
