package nl.clanq.messaging;

/** A message was sent in a conversation (later: live updates and notices listen to this). */
public record MessageSent(long conversationId, long messageId, long authorId) {}
