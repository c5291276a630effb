package nl.clanq.forums;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks the hand-written demo forum content in {@code demo/forum-topics.json} against its rules. */
class DemoTopicsFileTests {

    private static final String RESOURCE = "/demo/forum-topics.json";

    private static final Map<String, Set<String>> LICENCES = Map.of(
            "zuidwaarde.example.nl",
            Set.of("salarisadministratie", "verlof-en-verzuim", "selfservice", "koppelingen"),
            "delinde.example.nl",
            Set.of("salarisadministratie", "personeelsdossier", "rapportage"),
            "veldman.example.nl",
            Set.of("verlof-en-verzuim", "werving-en-selectie", "selfservice"));

    private static final Set<String> AUTHORS = Set.of(
            "eva@zuidwaarde.example.nl",
            "mark@zuidwaarde.example.nl",
            "lotte@zuidwaarde.example.nl",
            "daan@delinde.example.nl",
            "fatima@delinde.example.nl",
            "joost@veldman.example.nl",
            "anouk@veldman.example.nl");

    private static final String GENERAL = "algemeen";

    private static final List<String> FORUMS = List.of(
            "salarisadministratie",
            "verlof-en-verzuim",
            "personeelsdossier",
            "selfservice",
            "rapportage",
            "werving-en-selectie",
            "koppelingen",
            GENERAL);

    private static final Pattern DUTCH_WORD = Pattern.compile(
            "(?iu)\\b(de|het|een|en|van|in|niet|je|ik|we|wij|is|zijn|dat|die|er|te|op|om|bij|ook|voor|met|naar|maar|wel|dan|als)\\b");
    private static final Pattern TAG = Pattern.compile("<\\s*[/!?]?\\s*[a-zA-Z]");
    private static final Pattern SCRIPTISH = Pattern.compile("(?i)javascript:|\\bon[a-z]+\\s*=|&lt;|&#");
    private static final Pattern URL = Pattern.compile("(?i)(?:https?://|www\\.)[^\\s)>*`]+");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");

    record Edited(String previousBody, String reason) {}

    record Reply(String author, String body, Integer daysAgo, Boolean accepted, Edited edited) {}

    record Topic(
            String forum,
            String title,
            String author,
            String body,
            Integer daysAgo,
            Boolean pinned,
            Boolean closed,
            Integer views,
            Edited edited,
            List<Reply> replies) {}

    record DemoTopics(List<Topic> topics) {}

    private static byte[] bytes;
    private static DemoTopics file;
    private static JsonNode tree;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = DemoTopicsFileTests.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE + " on the classpath").isNotNull();
            bytes = in.readAllBytes();
        }
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        file = mapper.readValue(bytes, DemoTopics.class);
        tree = mapper.readTree(bytes);
    }

    private static List<Topic> topics() {
        return file.topics();
    }

    private static Stream<String> bodies() {
        return topics().stream()
                .flatMap(t ->
                        Stream.concat(Stream.of(t.body()), t.replies().stream().map(Reply::body)));
    }

    private static Stream<String> allTexts() {
        return topics().stream().flatMap(t -> {
            List<String> texts = new ArrayList<>();
            texts.add(t.title());
            texts.add(t.body());
            if (t.edited() != null) {
                texts.add(t.edited().previousBody());
            }
            for (Reply r : t.replies()) {
                texts.add(r.body());
                if (r.edited() != null) {
                    texts.add(r.edited().previousBody());
                }
            }
            return texts.stream();
        });
    }

    private static boolean licensed(String author, String forum) {
        if (GENERAL.equals(forum)) {
            return true;
        }
        String domain = author.substring(author.indexOf('@') + 1);
        return LICENCES.getOrDefault(domain, Set.of()).contains(forum);
    }

    @Test
    void isStrictUtf8WithOneTopLevelArray() throws CharacterCodingException {
        String text = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        assertThat(text).doesNotContain("\uFFFD").doesNotStartWith("\uFEFF");
        assertThat(text).contains("geïnstalleerd", "financiën", "één", "€");
        assertThat(tree.isObject()).isTrue();
        assertThat(tree.propertyNames()).containsExactly("topics");
        assertThat(tree.get("topics").isArray()).isTrue();
    }

    @Test
    void everyTopicHasAllFieldsAndNoAcceptedFlag() {
        for (JsonNode topic : tree.get("topics").values()) {
            assertThat(topic.has("accepted")).as("accepted on a question").isFalse();
            assertThat(topic.get("pinned").isBoolean()).isTrue();
            assertThat(topic.get("closed").isBoolean()).isTrue();
            assertThat(topic.get("daysAgo").isInt()).isTrue();
            assertThat(topic.get("views").isInt()).isTrue();
            assertThat(topic.get("replies").isArray()).isTrue();
            for (JsonNode reply : topic.get("replies").values()) {
                assertThat(reply.get("accepted").isBoolean()).isTrue();
                assertThat(reply.get("daysAgo").isInt()).isTrue();
            }
        }
        for (Topic t : topics()) {
            assertThat(t.forum()).isNotNull();
            assertThat(t.title()).isNotNull();
            assertThat(t.author()).isNotNull();
            assertThat(t.body()).isNotNull();
            assertThat(t.daysAgo()).isNotNull();
            assertThat(t.pinned()).isNotNull();
            assertThat(t.closed()).isNotNull();
            assertThat(t.views()).isNotNull();
            assertThat(t.replies()).isNotNull();
            for (Reply r : t.replies()) {
                assertThat(r.author()).isNotNull();
                assertThat(r.body()).isNotNull();
                assertThat(r.daysAgo()).isNotNull();
                assertThat(r.accepted()).isNotNull();
            }
        }
    }

    @Test
    void countsPerForum() {
        assertThat(topics()).hasSizeGreaterThanOrEqualTo(220);
        assertThat(topics()).extracting(Topic::forum).allMatch(FORUMS::contains, "a known forum");
        Map<String, Long> perForum = new java.util.HashMap<>();
        for (Topic t : topics()) {
            perForum.merge(t.forum(), 1L, Long::sum);
        }
        assertThat(perForum.keySet()).containsExactlyInAnyOrderElementsOf(FORUMS);
        perForum.forEach((forum, count) -> assertThat(count).as(forum).isGreaterThanOrEqualTo(15));
        for (String big : List.of("salarisadministratie", "verlof-en-verzuim")) {
            for (String other : FORUMS) {
                if (!other.equals("salarisadministratie") && !other.equals("verlof-en-verzuim")) {
                    assertThat(perForum.get(big)).as(big + " > " + other).isGreaterThan(perForum.get(other));
                }
            }
        }
    }

    @Test
    void titlesAndBodiesHaveSensibleLengths() {
        Set<String> titles = new HashSet<>();
        for (Topic t : topics()) {
            assertThat(t.title().length()).as(t.title()).isBetween(10, 150);
            assertThat(t.title())
                    .as("title trimmed, one line")
                    .isEqualTo(t.title().strip())
                    .doesNotContain("\n");
            assertThat(titles.add(t.title())).as("unique title " + t.title()).isTrue();
        }
        bodies().forEach(body -> {
            assertThat(body.length()).as(body).isBetween(100, 2000);
            assertThat(body).as("trimmed").isEqualTo(body.strip());
        });
        assertThat(bodies().filter(b -> b.length() > 1000)).as("a long tail").hasSizeGreaterThanOrEqualTo(3);
        assertThat(bodies().filter(b -> b.length() < 200)).as("short posts too").hasSizeGreaterThanOrEqualTo(100);
    }

    @Test
    void authorsAreKnownAndLicensedForTheForum() {
        for (Topic t : topics()) {
            assertThat(AUTHORS).as(t.title()).contains(t.author());
            assertThat(licensed(t.author(), t.forum()))
                    .as(t.author() + " in " + t.forum())
                    .isTrue();
            for (Reply r : t.replies()) {
                assertThat(AUTHORS).as(t.title()).contains(r.author());
                assertThat(licensed(r.author(), t.forum()))
                        .as(r.author() + " replying in " + t.forum() + ": " + t.title())
                        .isTrue();
            }
        }
    }

    @Test
    void nobodyAnswersThemselvesFirst() {
        for (Topic t : topics()) {
            if (!t.replies().isEmpty()) {
                assertThat(t.replies().getFirst().author()).as(t.title()).isNotEqualTo(t.author());
            }
        }
    }

    @Test
    void replyCountsAndAverage() {
        int replies = 0;
        for (Topic t : topics()) {
            assertThat(t.replies().size()).as(t.title()).isBetween(0, 8);
            replies += t.replies().size();
        }
        double average = (double) replies / topics().size();
        assertThat(average).isBetween(3.0, 4.0);
        assertThat(topics()).anyMatch(t -> t.replies().isEmpty());
        assertThat(topics()).anyMatch(t -> t.replies().size() >= 7);
    }

    @Test
    void atMostOneAcceptedReplyAndAReasonableShare() {
        int withReplies = 0;
        int solved = 0;
        for (Topic t : topics()) {
            long accepted = t.replies().stream().filter(Reply::accepted).count();
            assertThat(accepted).as(t.title()).isLessThanOrEqualTo(1);
            t.replies().stream().filter(Reply::accepted).forEach(r -> assertThat(r.author())
                    .as("asker accepts someone else: " + t.title())
                    .isNotEqualTo(t.author()));
            if (!t.replies().isEmpty()) {
                withReplies++;
                if (accepted == 1) {
                    solved++;
                }
            }
        }
        double share = (double) solved / withReplies;
        assertThat(share).isBetween(0.25, 0.45);
    }

    @Test
    void daysAgoAreInRangeAndOrdered() {
        for (Topic t : topics()) {
            assertThat(t.daysAgo()).as(t.title()).isBetween(0, 400);
            int previous = t.daysAgo();
            for (Reply r : t.replies()) {
                assertThat(r.daysAgo()).as(t.title()).isBetween(0, previous);
                previous = r.daysAgo();
            }
        }
    }

    @Test
    void aboutEightPercentOfPostsAreEdited() {
        int posts = 0;
        int edited = 0;
        List<Edited> edits = new ArrayList<>();
        List<String> editedBodies = new ArrayList<>();
        for (Topic t : topics()) {
            posts++;
            if (t.edited() != null) {
                edited++;
                edits.add(t.edited());
                editedBodies.add(t.body());
            }
            for (Reply r : t.replies()) {
                posts++;
                if (r.edited() != null) {
                    edited++;
                    edits.add(r.edited());
                    editedBodies.add(r.body());
                }
            }
        }
        assertThat((double) edited / posts).isBetween(0.05, 0.12);
        for (int i = 0; i < edits.size(); i++) {
            Edited e = edits.get(i);
            assertThat(e.previousBody()).isNotNull();
            assertThat(e.previousBody().length()).as(e.previousBody()).isBetween(100, 2000);
            assertThat(e.previousBody()).as("earlier version differs").isNotEqualTo(editedBodies.get(i));
            if (e.reason() != null) {
                assertThat(e.reason()).isNotBlank().hasSizeLessThanOrEqualTo(200);
            }
        }
    }

    @Test
    void pinnedClosedAndViews() {
        long pinned = topics().stream().filter(Topic::pinned).count();
        long closed = topics().stream().filter(Topic::closed).count();
        assertThat(pinned).isBetween(2L, 10L);
        assertThat(closed).isBetween(2L, 15L);
        assertThat(topics())
                .anyMatch(t ->
                        t.pinned() && GENERAL.equals(t.forum()) && t.title().startsWith("Lees dit eerst"));
        for (Topic t : topics()) {
            assertThat(t.views()).as(t.title()).isBetween(5, 2000);
        }
    }

    @Test
    void textIsDutch() {
        Set<String> titles = new HashSet<>(topics().stream().map(Topic::title).toList());
        allTexts().filter(text -> !titles.contains(text)).forEach(text -> assertThat(
                        DUTCH_WORD.matcher(text).find())
                .as("Dutch: " + text)
                .isTrue());
        String all = String.join("\n", allTexts().toList());
        for (String word : List.of(" de ", " het ", " een ", " niet ", " van ", "medewerker", "loonstrook", "verlof")) {
            assertThat(all).contains(word);
        }
    }

    @Test
    void usesSomeMarkdown() {
        Predicate<String> list = b -> b.contains("\n- ") || b.contains("\n1. ");
        Predicate<String> bold = b -> b.contains("**");
        Predicate<String> code = b -> b.contains("`");
        Predicate<String> table = b -> b.contains("|---");
        Predicate<String> quote = b -> b.startsWith("> ") || b.contains("\n> ");
        for (Predicate<String> markdown : List.of(list, bold, code, table, quote)) {
            assertThat(bodies().filter(markdown)).isNotEmpty();
        }
    }

    @Test
    void noMarkupScriptsOrRealAddresses() {
        allTexts().forEach(text -> {
            assertThat(TAG.matcher(text).find()).as("tag-like text: " + text).isFalse();
            assertThat(SCRIPTISH.matcher(text).find())
                    .as("script-like text: " + text)
                    .isFalse();
            Matcher url = URL.matcher(text);
            while (url.find()) {
                assertThat(url.group()).startsWith("https://www.example.nl");
            }
            Matcher email = EMAIL.matcher(text);
            while (email.find()) {
                assertThat(email.group()).endsWith(".example.nl");
            }
            assertThat(text).doesNotContainPattern("\\b\\d{9}\\b"); // nothing that looks like a BSN
        });
    }
}
