package nl.clanq.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import nl.clanq.shared.markdown.Markdown;
import org.junit.jupiter.api.Test;

class DutchHrTextTests {

    @Test
    void sameSeedGivesTheSameTextSoDatasetsCanBeRebuiltIdentically() {
        SplittableRandom a = new SplittableRandom(42);
        SplittableRandom b = new SplittableRandom(42);
        for (int i = 0; i < 100; i++) {
            assertThat(DutchHrText.post(a)).isEqualTo(DutchHrText.post(b));
            assertThat(DutchHrText.title(a)).isEqualTo(DutchHrText.title(b));
        }
        assertThat(DutchHrText.post(new SplittableRandom(1))).isNotEqualTo(DutchHrText.post(new SplittableRandom(2)));
    }

    @Test
    void postsAreBetween100And2000CharactersWithALongTail() {
        SplittableRandom random = new SplittableRandom(7);
        int[] lengths = IntStream.range(0, 5_000)
                .map(i -> DutchHrText.post(random).length())
                .sorted()
                .toArray();
        assertThat(lengths[0]).isGreaterThanOrEqualTo(DutchHrText.MIN_POST);
        assertThat(lengths[lengths.length - 1]).isLessThanOrEqualTo(DutchHrText.MAX_POST);
        int median = lengths[lengths.length / 2];
        assertThat(median).isBetween(200, 600);
        assertThat(lengths[lengths.length * 99 / 100]).as("long tail").isGreaterThan(1_000);
    }

    @Test
    void titlesAndMessagesFitTheirColumns() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2_000; i++) {
            assertThat(DutchHrText.title(random).length()).isBetween(10, 150);
            assertThat(DutchHrText.message(random, DutchHrText.theme(random)).length())
                    .isBetween(20, 600);
        }
    }

    @Test
    void theShortcutHtmlIsExactlyWhatMarkdownRenders() {
        Markdown markdown = new Markdown();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 300; i++) {
            String body = DutchHrText.post(random);
            assertThat(DutchHrText.html(body)).isEqualTo(markdown.render(body));
        }
    }

    /**
     * Topics built as the dataset builds them (a theme, a title, an opening post and replies,
     * exponentially many with a mean of 9), and the share of them that mention a subject.
     */
    private static double shareOfTopicsMentioning(String word, int topics) {
        SplittableRandom random = new SplittableRandom(20261121);
        int mentioning = 0;
        for (int t = 0; t < topics; t++) {
            DutchHrText.Theme theme = DutchHrText.theme(random);
            StringBuilder text = new StringBuilder(DutchHrText.title(random, theme));
            int replies = (int) Math.min(400, Math.round(-9 * Math.log(1.0 - random.nextDouble())));
            for (int p = 0; p <= replies; p++) {
                text.append(' ').append(DutchHrText.post(random, theme));
            }
            if (text.toString().toLowerCase(Locale.ROOT).contains(word)) {
                mentioning++;
            }
        }
        return (double) mentioning / topics;
    }

    @Test
    void subjectsFollowZipfSoATwoWordSearchMatchesAMinorityOfTopics() {
        double common = shareOfTopicsMentioning("loonstrook", 3_000);
        double middle = shareOfTopicsMentioning("reiskostenvergoeding", 3_000);
        double rare = shareOfTopicsMentioning("ort-toeslag", 3_000);
        assertThat(common).isBetween(0.1, 0.4);
        assertThat(middle).isBetween(0.02, common / 2);
        assertThat(rare).isBetween(0.001, middle / 2);
    }

    @Test
    void aTopicTitleNamesItsTheme() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 500; i++) {
            DutchHrText.Theme theme = DutchHrText.theme(random);
            assertThat(DutchHrText.title(random, theme).toLowerCase(Locale.ROOT))
                    .contains(theme.thing()
                            .substring(theme.thing().indexOf(' ') + 1)
                            .toLowerCase(Locale.ROOT));
        }
    }
}
