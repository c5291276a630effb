package nl.clanq.moderation;

/** A member as the staff member search lists them. */
public record MemberRow(long userId, String name, String email, String organisation, boolean blocked, int warnings) {}
