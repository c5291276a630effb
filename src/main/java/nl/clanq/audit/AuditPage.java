package nl.clanq.audit;

import java.util.List;

/**
 * One page of audit entries, newest first.
 *
 * @param entries the entries on this page
 * @param number this page's number, from 1
 * @param size the page size
 * @param totalEntries how many entries match the filter in all
 */
public record AuditPage(List<AuditEntryView> entries, int number, int size, long totalEntries) {

    public AuditPage {
        entries = List.copyOf(entries);
    }

    /** At least 1, so that "page 1 of 1" also reads right for an empty result. */
    public int totalPages() {
        return (int) Math.max(1, (totalEntries + size - 1) / size);
    }

    public boolean hasPrevious() {
        return number > 1;
    }

    public boolean hasNext() {
        return number < totalPages();
    }

    /** The position of the first entry on this page among all matches, from 1; 0 when empty. */
    public long firstPosition() {
        return entries.isEmpty() ? 0 : (long) (number - 1) * size + 1;
    }

    /** The position of the last entry on this page among all matches. */
    public long lastPosition() {
        return entries.isEmpty() ? 0 : firstPosition() + entries.size() - 1;
    }
}
