package nl.clanq.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import nl.clanq.forums.ForumViews.PostView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.util.HtmlUtils;

/**
 * The JMH benchmarks measure what they claim: one setup and one invocation each, as the runner
 * does them, give the full topic page and real post HTML. No timing here.
 */
class BenchmarkFixtureTests {

    @Test
    void topicPageBenchmarkRendersTheWholePageWithAllTwentyPosts() {
        TopicPageBenchmark benchmark = new TopicPageBenchmark();
        benchmark.setUp();

        String page = benchmark.render().toString();

        assertThat(page.strip()).startsWith("<!DOCTYPE html>").endsWith("</html>");
        assertThat(page)
                .contains(
                        "<title>" + HtmlUtils.htmlEscape(benchmark.view.topic().title()) + " · Clanq</title>");
        assertThat(benchmark.view.posts()).hasSize(20);
        assertThat(page.split("<article class=\"card mb-3 post", -1)).hasSize(20 + 1);
        for (PostView post : benchmark.view.posts()) {
            assertThat(page).contains("id=\"post-" + post.id() + "\"");
            for (String paragraph : post.source().split("\n\n")) {
                assertThat(page).contains("<p>" + HtmlUtils.htmlEscape(paragraph) + "</p>");
            }
        }
        // Dutch texts from the message bundles, and names escaped for where they stand, as live.
        assertThat(page).contains(">Reageren<").contains(">Opgelost<").contains("Geaccepteerd antwoord");
        assertThat(page).contains(">Anouk van 't Hof</a>").contains("data-attribution=\"Anouk van &#39;t Hof:\"");
        assertThat(page).contains("Zorggroep Noord &amp; Oost").doesNotContain("Noord & Oost");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 2000})
    void markdownBenchmarkRendersAPostOfTheChosenSizeToHtml(int chars) {
        MarkdownBenchmark benchmark = new MarkdownBenchmark();
        benchmark.chars = chars;
        benchmark.setUp();

        String html = benchmark.render();

        assertThat(benchmark.source.length()).isBetween(chars * 9 / 10, chars);
        assertThat(html).startsWith("<p>").endsWith("</p>\n");
        assertThat(html.length()).isGreaterThan(benchmark.source.length());
    }
}
