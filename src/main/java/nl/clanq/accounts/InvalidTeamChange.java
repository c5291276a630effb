package nl.clanq.accounts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change to the staff team that is refused; nothing was written. {@link #problems()} maps each
 * wrong input ({@code firstName}, {@code lastName}, {@code email}, {@code role}, {@code language},
 * or {@code member} for the person acted on) to the message key that explains it.
 */
public class InvalidTeamChange extends RuntimeException {

    private final transient Map<String, String> problems;

    InvalidTeamChange(Map<String, String> problems) {
        super("invalid staff team change: " + problems.keySet(), null, false, false);
        // In the order the form shows its fields.
        this.problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
    }

    InvalidTeamChange(String input, String key) {
        this(Map.of(input, key));
    }

    public Map<String, String> problems() {
        return problems;
    }
}
