package nl.clanq.moderation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/**
 * What staff know about a member's conduct (C10): the block that applies now, their own or their
 * organisation's, and the warnings and private staff notes, newest first. For staff only.
 *
 * @param block the member's own block in force, or {@code null}
 * @param organisationBlock the block of the member's organisation in force, or {@code null}
 * @param warningCount how many warnings the member received
 */
public record MemberRecord(
        Block block, Block organisationBlock, int warningCount, List<Warning> warnings, List<Note> notes) {

    public MemberRecord {
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    /** Whether the member cannot use Clanq now, for either reason. */
    public boolean blocked() {
        return block != null || organisationBlock != null;
    }

    /**
     * A block in force.
     *
     * @param until the first day (Dutch time) the block no longer applies; {@code null} for indefinitely
     * @param by the staff person who blocked
     */
    public record Block(long id, String reason, LocalDate until, String by, Instant at) {

        public boolean indefinite() {
            return until == null;
        }

        /** The end date written out in {@code locale} ("1 december 2026"); empty when indefinite. */
        public String untilText(Locale locale) {
            return dateText(until, locale);
        }
    }

    /** A warning: its subject, and the Clanqbeheer conversation that holds its text. */
    public record Warning(long id, String subject, long conversationId, Long flagId, String by, Instant at) {}

    /** A private staff note. */
    public record Note(long id, String text, String by, Instant at) {}

    static String dateText(LocalDate date, Locale locale) {
        return date == null
                ? ""
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                        .withLocale(locale)
                        .format(date);
    }
}
