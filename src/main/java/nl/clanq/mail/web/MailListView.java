package nl.clanq.mail.web;

import java.util.List;

/**
 * A page of a staff mail list.
 *
 * @param page zero-based page number
 * @param demo whether the mail bodies may be shown (demo mode only)
 * @param flash the outcome of the last action, or {@code null}
 */
public record MailListView(
        List<MailRow> rows, int page, boolean hasPrevious, boolean hasNext, boolean demo, String flash) {

    public int previousPage() {
        return page - 1;
    }

    public int nextPage() {
        return page + 1;
    }
}
