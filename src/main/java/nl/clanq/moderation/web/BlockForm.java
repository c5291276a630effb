package nl.clanq.moderation.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import nl.clanq.shared.web.FormErrors;

/**
 * The block form as typed: a reason, and an end date ({@code yyyy-MM-dd}, from the date field) or
 * "indefinitely". Kept as typed, so that a form with an error comes back filled in.
 */
public record BlockForm(String reason, String until, boolean indefinite) {

    static final String REASON = "blockReason";
    static final String UNTIL = "blockUntil";

    public BlockForm {
        reason = reason == null ? "" : reason;
        until = until == null ? "" : until;
    }

    static BlockForm empty() {
        return new BlockForm("", "", false);
    }

    /** The end date, or {@code null} for indefinitely; adds what is wrong to {@code errors}. */
    LocalDate untilDate(FormErrors errors) {
        if (indefinite) {
            errors.check(!until.isBlank(), UNTIL, "sanctions.until.both");
            return null;
        }
        if (until.isBlank()) {
            errors.add(UNTIL, "sanctions.until.required");
            return null;
        }
        try {
            return LocalDate.parse(until.strip());
        } catch (DateTimeParseException e) {
            errors.add(UNTIL, "sanctions.until.invalid");
            return null;
        }
    }
}
