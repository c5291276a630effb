package nl.clanq.audit.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.clanq.audit.AuditFilter;

/**
 * The filter form as typed, so that a mistyped value is shown back with a message instead of
 * failing the request. Dates come from {@code <input type="date">} as {@code yyyy-MM-dd}.
 */
public record AuditFilterForm(
        String action, String organisation, String actor, String q, String from, String to, String page) {

    public static final String ACTION = "action";
    public static final String ORGANISATION = "organisation";
    public static final String ACTOR = "actor";
    public static final String TEXT = "q";
    public static final String FROM = "from";
    public static final String TO = "to";

    /** The valid parts as a filter; each invalid part is left out and reported in {@code errors}. */
    AuditFilter toFilter(Map<String, String> errors) {
        Long organisationId = id(ORGANISATION, organisation, errors);
        Long actorUserId = id(ACTOR, actor, errors);
        LocalDate fromDay = day(FROM, from, errors);
        LocalDate toDay = day(TO, to, errors);
        if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
            errors.put(TO, "audit.filter.error.range");
            toDay = null;
        }
        return new AuditFilter(action, organisationId, actorUserId, q, fromDay, toDay);
    }

    /** The requested page; anything but a positive number means the first. */
    int pageNumber() {
        try {
            return page == null ? 1 : Math.max(1, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The query string that repeats {@code filter}, for the pagination links; empty for no filter. */
    static String queryOf(AuditFilter filter) {
        List<String> parts = new ArrayList<>();
        add(parts, ACTION, filter.actionPrefix());
        add(parts, ORGANISATION, filter.organisationId());
        add(parts, ACTOR, filter.actorUserId());
        add(parts, TEXT, filter.text());
        add(parts, FROM, filter.from());
        add(parts, TO, filter.to());
        return String.join("&", parts);
    }

    private static void add(List<String> parts, String name, Object value) {
        if (value != null) {
            // Form encoding, because that is how the servlet container decodes query strings ('+' is a space).
            parts.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
    }

    private static Long id(String field, String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(field, "audit.filter.error.number");
        return null;
    }

    private static LocalDate day(String field, String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "audit.filter.error.date");
            return null;
        }
    }
}
