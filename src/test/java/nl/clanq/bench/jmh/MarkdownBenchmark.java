package nl.clanq.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import nl.clanq.bench.DutchHrText;
import nl.clanq.shared.markdown.Markdown;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What saving a post costs in Markdown: {@link Markdown#render} parses the body, renders HTML and
 * sanitises it. Bodies come from the benchmark dataset's text generator, so they are the plain
 * Dutch paragraphs the load test's posts have: a typical post (about 500 characters) and a long one
 * (about 2,000, the generator's maximum).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MarkdownBenchmark {

    /** The same seed as the dataset generator's default. */
    static final long SEED = 20261121L;

    /** Target length of the body in characters; the body found is within 10 % below it. */
    @Param({"500", "2000"})
    public int chars;

    Markdown markdown;
    String source;

    @Setup
    public void setUp() {
        markdown = new Markdown();
        source = postOfAbout(chars);
    }

    @Benchmark
    public String render() {
        return markdown.render(source);
    }

    /**
     * The first post of the seeded generator whose length is between 90 % and 100 % of {@code
     * chars}: the same body on every run and machine.
     */
    static String postOfAbout(int chars) {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int attempt = 0; attempt < 100_000; attempt++) {
            String post = DutchHrText.post(random);
            if (post.length() >= chars * 9 / 10 && post.length() <= chars) {
                return post;
            }
        }
        throw new IllegalArgumentException("The generator makes no post of about " + chars + " characters");
    }
}
