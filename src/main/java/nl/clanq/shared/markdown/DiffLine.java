package nl.clanq.shared.markdown;

import java.util.Objects;

/**
 * One line of a line-level difference between an earlier and a later version of a text.
 *
 * @param kind whether the line is in both versions, only in the later or only in the earlier
 * @param text the line without its line break
 */
public record DiffLine(Kind kind, String text) {

    public DiffLine {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** Where a line stands between the two versions. */
    public enum Kind {
        UNCHANGED,
        ADDED,
        REMOVED
    }
}
