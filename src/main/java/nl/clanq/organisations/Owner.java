package nl.clanq.organisations;

import java.util.Locale;

/**
 * The owner of an organisation, acting. Only {@link OwnerCheck} makes one, after checking on the
 * server that the signed-in person owns the organisation (G2).
 */
public record Owner(long userId, String name, String email, long organisationId, Locale locale) {

    String label() {
        return name + " <" + email + ">";
    }
}
