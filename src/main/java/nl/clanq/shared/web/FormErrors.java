package nl.clanq.shared.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is wrong with a submitted form, per field, as message keys with arguments. Templates show
 * each next to its field (and a summary on top), in the user's language.
 */
public final class FormErrors {

    public record Problem(String key, Object[] args) {}

    private final Map<String, Problem> fields = new LinkedHashMap<>();

    public static FormErrors none() {
        return new FormErrors();
    }

    public FormErrors add(String field, String key, Object... args) {
        fields.putIfAbsent(field, new Problem(key, args));
        return this;
    }

    /** Adds the problem when {@code condition} holds; returns whether it did. */
    public boolean check(boolean condition, String field, String key, Object... args) {
        if (condition) {
            add(field, key, args);
        }
        return condition;
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public boolean any() {
        return !fields.isEmpty();
    }

    public String message(Ui ui, String field) {
        Problem p = fields.get(field);
        return p == null ? "" : ui.t(p.key(), p.args());
    }

    /**
     * The field's label for the error summary, from the message key {@code field.<name>}; empty
     * when there is none, so the summary shows the message alone.
     */
    public String label(Ui ui, String field) {
        String key = "field." + field.replaceAll("-\\d+$", "");
        String label = ui.t(key);
        return label.equals(key) ? "" : label;
    }

    public List<String> fieldNames() {
        return List.copyOf(fields.keySet());
    }

    public List<String> messages(Ui ui) {
        return fields.values().stream().map(p -> ui.t(p.key(), p.args())).toList();
    }
}
