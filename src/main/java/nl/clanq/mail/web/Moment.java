package nl.clanq.mail.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A point in time for a {@code <time>} element: machine-readable and as people read it here. */
public record Moment(String iso, String display) {

    // Clanq's members and staff are in the Netherlands.
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    static Moment of(Instant instant, Locale locale) {
        if (instant == null) {
            return null;
        }
        return new Moment(
                instant.toString(),
                DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", locale)
                        .withZone(ZONE)
                        .format(instant));
    }
}
