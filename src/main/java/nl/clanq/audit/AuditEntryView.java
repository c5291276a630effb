package nl.clanq.audit;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One audit entry as pages show it.
 *
 * @param id the entry's number, increasing in order of writing
 * @param occurredAt when the act's transaction started
 * @param actorUserId who acted, or {@code null} for the system or a visitor
 * @param actorLabel how the actor was shown at the time
 * @param action the dotted action name, e.g. {@code organisation.member.removed}
 * @param targetType the kind of thing acted on, or {@code null}
 * @param targetId its id, or {@code null}
 * @param organisationId the organisation concerned, or {@code null}
 * @param ip the client address of the request, or {@code null} outside a request
 * @param details further facts
 */
public record AuditEntryView(
        long id,
        Instant occurredAt,
        Long actorUserId,
        String actorLabel,
        String action,
        String targetType,
        String targetId,
        Long organisationId,
        String ip,
        Map<String, String> details) {

    public AuditEntryView {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** The time in Dutch time (Europe/Amsterdam), written the way the given language writes it. */
    public String occurredAtText(Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(locale)
                .withZone(AuditTrail.TIME_ZONE)
                .format(occurredAt);
    }

    /** The time for a {@code <time datetime>} attribute, with the Dutch offset. */
    public String occurredAtIso() {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(occurredAt.atZone(AuditTrail.TIME_ZONE));
    }

    /** The details in a stable order (by key), for display. */
    public List<Map.Entry<String, String>> sortedDetails() {
        return details.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
    }
}
