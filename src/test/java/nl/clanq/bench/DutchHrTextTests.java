package nl.clanq.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
            assertThat(DutchHrText.message(random).length()).isBetween(20, 600);
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
}
