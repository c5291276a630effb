package nl.clanq.bench.jmh;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import nl.clanq.bench.DutchHrText;
import nl.clanq.forums.ForumRef;
import nl.clanq.forums.ForumViews.PostView;
import nl.clanq.forums.ForumViews.TopicView;
import nl.clanq.forums.Forums;
import nl.clanq.forums.web.ForumsController.TopicPage;
import nl.clanq.shared.markdown.Markdown;
import nl.clanq.shared.web.CurrentUser;
import nl.clanq.shared.web.FormErrors;
import nl.clanq.shared.web.Ui;
import nl.clanq.shared.web.UiFixtures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * Rendering the reference page, a topic ({@code forums/topic.jte}) with a full first page of 20
 * posts, as a signed-in member who wrote two of the replies sees it. The template engine is the
 * one the application's jte starter builds ({@code gg.jte.use-precompiled-templates=true}: the
 * classes the jte-maven-plugin generates), called the way its view calls it: by name with the
 * model map. The model is what {@code ForumsController.topic} puts in it, built by hand: no
 * database, no Spring context. Post HTML is rendered once in the setup, as the application does
 * when a post is saved; what is measured is the template alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TopicPageBenchmark {

    /** The view name "forums/topic" with gg.jte.template-suffix, as the jte view asks for it. */
    static final String TEMPLATE = "forums/topic.jte";

    static final int POSTS = Forums.POSTS_PER_PAGE;

    private static final long TOPIC_ID = 48_213L;

    private record Member(long id, String name, String organisation, boolean former) {}

    /** The reader: a member (not staff) who did not start the topic, so may not accept answers. */
    private static final Member READER = new Member(1_305, "Tessa Visser", "Woonstichting Arnhem", false);

    /** The other authors; one name and one organisation need HTML escaping; one is a former member. */
    private static final List<Member> OTHERS = List.of(
            new Member(1_021, "Marieke de Boer", "Gemeente Zwolle", false),
            new Member(1_187, "Anouk van 't Hof", "Zorggroep Noord & Oost", false),
            new Member(1_422, "Joost Hendriks", "Scholengroep Tilburg", false),
            new Member(1_590, "Femke Dijkstra", "", true),
            new Member(1_644, "Pieter van Leeuwen", "Stichting Groningen", false),
            new Member(1_733, "Inge Mulder", "Logistiek Eindhoven", false));

    TemplateEngine templates;
    Map<String, Object> model;
    TopicPage view;

    @Setup
    public void setUp() {
        templates = TemplateEngine.createPrecompiled(ContentType.Html);
        Ui ui = UiFixtures.signedIn(
                UiFixtures.applicationMessages(),
                Locale.forLanguageTag("nl"),
                new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "3f2a9c1e-6b8d-4e7f-a0c5-9d1b2e3f4a5b"),
                "/topics/" + TOPIC_ID,
                new CurrentUser(READER.name(), false, false, false),
                3_600);
        view = topicPage(new Markdown(), new SplittableRandom(MarkdownBenchmark.SEED));
        model = Map.of("ui", ui, "view", view);
    }

    @Benchmark
    public StringOutput render() {
        StringOutput output = new StringOutput();
        templates.render(TEMPLATE, model, output);
        return output;
    }

    private static TopicPage topicPage(Markdown markdown, SplittableRandom random) {
        ForumRef forum = new ForumRef(
                37,
                4,
                "roosterwijs",
                "Roosterwijs",
                211L,
                "MODULE",
                "Salarisadministratie",
                "salarisadministratie",
                "Vragen en ervaringen rond de salarisadministratie van Roosterwijs.",
                "OPEN",
                1_284,
                9_913,
                Instant.parse("2026-03-11T14:02:00Z"),
                null,
                2);
        Instant opened = Instant.parse("2026-03-09T07:48:00Z");
        int acceptedPosition = 6;
        List<PostView> posts = new ArrayList<>();
        for (int position = 0; position < POSTS; position++) {
            // The reader wrote replies 5 and 12; the others take turns (5 and 6 are coprime).
            Member author = position == 5 || position == 12 ? READER : OTHERS.get((position * 5) % OTHERS.size());
            String source = DutchHrText.post(random);
            Instant created = opened.plus(Duration.ofMinutes(53L * position));
            boolean edited = position == 3 || position == 12;
            posts.add(new PostView(
                    210_400L + position,
                    position,
                    author.id(),
                    author.name(),
                    author.organisation(),
                    author.former(),
                    markdown.render(source),
                    source,
                    created,
                    edited ? created.plus(Duration.ofMinutes(9)) : null,
                    false,
                    null,
                    false,
                    false,
                    false,
                    null,
                    position == acceptedPosition));
        }
        PostView accepted = posts.get(acceptedPosition);
        TopicView topic = new TopicView(
                TOPIC_ID,
                forum,
                DutchHrText.title(random),
                posts.getFirst().authorId(),
                POSTS - 1,
                412,
                accepted.id(),
                false,
                false,
                opened,
                false);
        return new TopicPage(
                topic,
                posts,
                accepted,
                1,
                1,
                READER.id(),
                false,
                topic.authorId() == READER.id(),
                List.of(),
                "",
                FormErrors.none());
    }
}
