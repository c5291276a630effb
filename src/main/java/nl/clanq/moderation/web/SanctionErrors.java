package nl.clanq.moderation.web;

import java.util.Map;
import nl.clanq.moderation.InvalidSanction;
import nl.clanq.shared.web.FormErrors;

/** Turns the service's refusal into errors next to the fields of the form that was sent. */
final class SanctionErrors {

    private SanctionErrors() {}

    /** {@code fields} maps the service's parameter names to the form's field names. */
    static FormErrors of(InvalidSanction e, Map<String, String> fields) {
        FormErrors errors = FormErrors.none();
        e.problems().forEach((parameter, key) -> errors.add(fields.getOrDefault(parameter, parameter), key));
        return errors;
    }
}
