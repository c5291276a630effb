package nl.clanq.moderation;

import java.util.Map;

/**
 * A sanction, warning or note with invalid input; nothing was written. {@link #problems()} maps
 * each wrong parameter ({@code reason}, {@code until}, {@code subject}, {@code text}) to the message
 * key that explains it, for the form.
 */
public class InvalidSanction extends RuntimeException {

    private final transient Map<String, String> problems;

    InvalidSanction(Map<String, String> problems) {
        super("invalid sanction: " + problems.keySet(), null, false, false);
        this.problems = Map.copyOf(problems);
    }

    public Map<String, String> problems() {
        return problems;
    }
}
