package nl.clanq.organisations;

/** The owner removed a person from the organisation; their posts stay, marked as former member. */
public record MemberRemoved(long organisationId, long userId) {}
