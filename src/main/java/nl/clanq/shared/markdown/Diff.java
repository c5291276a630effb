package nl.clanq.shared.markdown;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Line-level differences between two versions of a text (java-diff-utils, Myers), for the
 * "earlier versions" view of a post. Line endings do not count: a post saved from Windows and
 * one saved from a Mac read the same, and neither do line breaks after the last line.
 */
public final class Diff {

    private Diff() {}

    /**
     * Every line of both versions in reading order: unchanged lines once, and where the versions
     * part, the earlier lines ({@link DiffLine.Kind#REMOVED}) before the later ones ({@link
     * DiffLine.Kind#ADDED}). Fit for a unified view, and for a side-by-side view by pairing each
     * run of removed lines with the run of added lines after it.
     */
    public static List<DiffLine> lines(String before, String after) {
        List<String> earlier = split(before);
        List<String> later = split(after);
        Patch<String> patch = DiffUtils.diff(earlier, later);
        List<DiffLine> lines = new ArrayList<>(Math.max(earlier.size(), later.size()));
        int position = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int start = delta.getSource().getPosition();
            addAll(lines, DiffLine.Kind.UNCHANGED, earlier.subList(position, start));
            addAll(lines, DiffLine.Kind.REMOVED, delta.getSource().getLines());
            addAll(lines, DiffLine.Kind.ADDED, delta.getTarget().getLines());
            position = start + delta.getSource().size();
        }
        addAll(lines, DiffLine.Kind.UNCHANGED, earlier.subList(position, earlier.size()));
        return List.copyOf(lines);
    }

    /** Whether the two texts differ in anything but line endings and trailing line breaks. */
    public static boolean differs(String before, String after) {
        return !normalise(before).equals(normalise(after));
    }

    static String normalise(String text) {
        Objects.requireNonNull(text, "text");
        String lf = text.replace("\r\n", "\n").replace('\r', '\n');
        int end = lf.length();
        while (end > 0 && lf.charAt(end - 1) == '\n') {
            end--;
        }
        return lf.substring(0, end);
    }

    private static List<String> split(String text) {
        String normalised = normalise(text);
        return normalised.isEmpty() ? List.of() : List.of(normalised.split("\n", -1));
    }

    private static void addAll(List<DiffLine> lines, DiffLine.Kind kind, List<String> texts) {
        for (String text : texts) {
            lines.add(new DiffLine(kind, text));
        }
    }
}
