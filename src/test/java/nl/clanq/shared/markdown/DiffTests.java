package nl.clanq.shared.markdown;

import static nl.clanq.shared.markdown.DiffLine.Kind.ADDED;
import static nl.clanq.shared.markdown.DiffLine.Kind.REMOVED;
import static nl.clanq.shared.markdown.DiffLine.Kind.UNCHANGED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiffTests {

    @Test
    void showsAddedRemovedAndUnchangedLinesInReadingOrder_C13() {
        assertThat(Diff.lines("Vraag\nOude regel\nSlot", "Vraag\nNieuwe regel\nSlot\nNaschrift"))
                .containsExactly(
                        new DiffLine(UNCHANGED, "Vraag"),
                        new DiffLine(REMOVED, "Oude regel"),
                        new DiffLine(ADDED, "Nieuwe regel"),
                        new DiffLine(UNCHANGED, "Slot"),
                        new DiffLine(ADDED, "Naschrift"));
        assertThat(Diff.lines("a\nb\nc", "a\nc"))
                .containsExactly(
                        new DiffLine(UNCHANGED, "a"), new DiffLine(REMOVED, "b"), new DiffLine(UNCHANGED, "c"));
        assertThat(Diff.differs("a\nb\nc", "a\nc")).isTrue();
    }

    @Test
    void identicalTextsHaveOnlyUnchangedLines_C13() {
        String text = "Eerste regel\n\nDerde regel";
        assertThat(Diff.lines(text, text))
                .containsExactly(
                        new DiffLine(UNCHANGED, "Eerste regel"),
                        new DiffLine(UNCHANGED, ""),
                        new DiffLine(UNCHANGED, "Derde regel"));
        assertThat(Diff.differs(text, text)).isFalse();
    }

    @Test
    void treatsWindowsAndUnixLineEndingsAsEqual_C13() {
        String unix = "Eerste regel\nTweede regel\n";
        String windows = "Eerste regel\r\nTweede regel\r\n";
        assertThat(Diff.differs(unix, windows)).isFalse();
        assertThat(Diff.differs("a\rb", "a\nb")).isFalse();
        assertThat(Diff.differs("a\nb", "a\nb\n\n")).isFalse();
        assertThat(Diff.lines(unix, windows)).extracting(DiffLine::kind).containsOnly(UNCHANGED);
        assertThat(Diff.differs("a\r\nb", "a\r\nB")).isTrue();
    }

    @Test
    void anEmptyVersionIsAllAddedOrAllRemoved_C13() {
        assertThat(Diff.lines("", "a\nb")).containsExactly(new DiffLine(ADDED, "a"), new DiffLine(ADDED, "b"));
        assertThat(Diff.lines("a\nb", "")).containsExactly(new DiffLine(REMOVED, "a"), new DiffLine(REMOVED, "b"));
        assertThat(Diff.lines("", "")).isEmpty();
    }
}
