package nl.clanq.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class SnippetsTests {

    @Test
    void aShortSentenceIsShownWhole() {
        String html = "De <mark>loonstrook</mark> is leeg.";

        assertThat(Snippets.around(html, 220)).isEqualTo(html);
    }

    @Test
    void aLongSentenceIsCutAroundItsFirstMatchBetweenWords() {
        String before = "woord &amp; ".repeat(40);
        String after = " en dan nog veel meer tekst".repeat(20);
        String html = before + "de <mark>loonstrook</mark> klopt niet" + after;

        String snippet = Snippets.around(html, 220);

        assertThat(snippet)
                .startsWith("…")
                .endsWith("…")
                .contains("de <mark>loonstrook</mark> klopt niet")
                .doesNotContain("&am…")
                .doesNotContain("…amp;");
        assertThat(snippet.length()).isLessThanOrEqualTo(222);
        assertThat(snippet.substring(1)).as("starts with a whole word").matches("^(woord|&amp;) .*");
    }

    @Test
    void aMatchNearTheStartKeepsTheStart() {
        String html = "Bij ons <mark>verlof</mark> " + "en nog meer woorden ".repeat(30);

        String snippet = Snippets.around(html, 220);

        assertThat(snippet).startsWith("Bij ons <mark>verlof</mark>").endsWith("…");
    }

    @Test
    void theLeanPassageScoreRanksPassagesExactlyAsLucenesOwn() {
        Passage[] passages = {
            passage(0, 120, "loonstrok", 7, "export", 3, "loonstrok", 7),
            passage(400, 460, "export", 3),
            passage(900, 1300, "loon", 12, "strok", 9, "export", 3, "loon", 12, "export", 3),
            passage(2000, 2010)
        };
        PassageScorer lucene = new PassageScorer();
        PassageScorer lean = new Snippets.LeanPassageScorer();

        for (Passage p : passages) {
            assertThat(lean.score(p, 5000)).as(p.toString()).isEqualTo(lucene.score(p, 5000));
        }
    }

    private static Passage passage(int start, int end, Object... termsAndFreqs) {
        Passage passage = new Passage();
        passage.setStartOffset(start);
        passage.setEndOffset(end);
        for (int i = 0; i < termsAndFreqs.length; i += 2) {
            int at = start + i * 5;
            passage.addMatch(at, at + 4, new BytesRef((String) termsAndFreqs[i]), (Integer) termsAndFreqs[i + 1]);
        }
        return passage;
    }
}
