package nl.clanq.audit.web;

import java.util.Map;
import nl.clanq.audit.AuditPage;

/**
 * The staff audit page: the form as typed, messages about invalid fields (field name to message
 * key), the page of entries and the link prefix that keeps the filter while paging.
 */
public record StaffAuditView(AuditFilterForm form, Map<String, String> errors, AuditPage page, String pageHref) {

    public StaffAuditView {
        errors = Map.copyOf(errors);
    }

    public boolean invalid(String field) {
        return errors.containsKey(field);
    }

    /** The message key for an invalid field, or {@code null}. */
    public String error(String field) {
        return errors.get(field);
    }
}
