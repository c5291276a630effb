package nl.clanq.moderation;

import java.time.LocalDate;
import java.util.Locale;

/** A person of an organisation who is blocked on their own, apart from any block of the organisation. */
public record BlockedMember(long userId, String name, String reason, LocalDate until) {

    /** The end date written out in {@code locale}; empty when the block is indefinite. */
    public String untilText(Locale locale) {
        return MemberRecord.dateText(until, locale);
    }
}
