package nl.clanq.organisations;

/** The confirmed licences of a membership changed; access follows on the next request (C5). */
public record LicencesChanged(long membershipId, long organisationId) {}
