package nl.clanq.shared.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownTests {

    private static final Set<String> ALLOWED_TAGS = Set.of(
            "p",
            "br",
            "hr",
            "blockquote",
            "pre",
            "code",
            "em",
            "strong",
            "del",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "ol",
            "li",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "a");
    private static final Set<String> ALLOWED_ATTRIBUTES = Set.of("href", "rel", "start", "align", "class");
    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s([^\\s=/]+)(?:=\"([^\"]*)\")?");

    private final Markdown markdown = new Markdown();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>alert(1)</script>",
                "<<script>script>alert(1)<</script>/script>",
                "<img src=x onerror=alert(1)>",
                "hi <IMG SRC=\"javascript:alert(1)\"> there",
                "[x](javascript:alert(1))",
                "[x](JaVaScRiPt:alert(1))",
                "[x](&#106;avascript:alert(1))",
                "[x](&#x6A;avascript&#58;alert(1))",
                "[x](javas&#x09;cript:alert(1))",
                "[x](vbscript:msgbox(1)) [y](file:///etc/passwd)",
                "[x][r]\n\n[r]: javascript:alert(1)",
                "<javascript:alert(1)>",
                "<a href=\"javascript:alert(1)\">x</a>",
                "<a href=\"https://evil.example\" target=\"_blank\">x</a>",
                "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
                "<svg onload=alert(1)><circle r=\"1\"/></svg>",
                "<svg><script>alert(1)</script></svg>",
                "<p style=\"background:url(https://t.example/x.png)\">x</p>",
                "<div onclick=\"alert(1)\" class=\"btn\">x</div>",
                "<iframe src=\"https://evil.example\"></iframe>",
                "<!-- x --><style>body{display:none}</style>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
                "**<b onmouseover=alert(1)>x</b>** _[a](https://ok.example/ \"\\\" onmouseover=\\\"alert(1)\")_",
                "> <script>alert(1)</script>\n> [x](javascript:alert(1))\n> ![p](https://t.example/p.gif)",
                "| a |\n|---|\n| <img src=x onerror=alert(1)> [x](javascript:alert(1)) |",
                "```\"><script>alert(1)</script>\ncode\n```",
                "```java onclick=alert(1)\ncode\n```",
                "www.example.nl/\"onmouseover=\"alert(1)",
                "[![x](https://t.example/p.gif)](javascript:alert(1))",
                "<form action=\"https://evil.example\"><input name=q></form>",
                "<object data=\"x.swf\"></object><embed src=\"x.swf\"><base href=\"https://evil.example/\">",
                "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
                "<details open ontoggle=alert(1)>",
            })
    void neutralisesHostileInput_S1(String source) {
        assertOnlySafeMarkup(markdown.render(source));
    }

    @Test
    void showsRawHtmlAsTextInsteadOfPassingItOn_S1() {
        assertThat(markdown.render("<script>alert(1)</script>"))
                .isEqualTo("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
        assertThat(markdown.render("<a href=\"https://evil.example\">x</a>")).doesNotContain("<a");
        assertThat(markdown.render("<p style=\"color:red\" onclick=\"x()\">hi</p>"))
                .startsWith("<p>&lt;p style")
                .doesNotContain("<p style");
    }

    @Test
    void keepsOnlyTheTextOfLinksToForbiddenAddresses_S1() {
        assertThat(markdown.render("[klik](javascript:alert(1))")).isEqualTo("<p>klik</p>\n");
        assertThat(markdown.render("[klik](&#106;avascript:alert(1))")).isEqualTo("<p>klik</p>\n");
        assertThat(markdown.render("[klik](data:text/html,hoi)")).isEqualTo("<p>klik</p>\n");
        assertThat(markdown.render("[klik](/staff) [klik](//evil.example)")).isEqualTo("<p>klik klik</p>\n");
    }

    @Test
    void givesEveryLinkRelNofollowUgcNoopenerAndNoTarget_C7_S1() {
        assertThat(markdown.render("[Clanq](https://clanq.nl)"))
                .isEqualTo("<p><a href=\"https://clanq.nl\" rel=\"nofollow ugc noopener\">Clanq</a></p>\n");
        String html = markdown.render(
                "[a](http://a.example) <https://b.example> [mail](mailto:eva@example.nl) https://c.example");
        assertThat(html.split("<a ", -1)).hasSize(5);
        assertThat(html.split("rel=\"nofollow ugc noopener\"", -1)).hasSize(5);
        assertThat(html).doesNotContain("target");
    }

    @Test
    void turnsImagesIntoLinksSoNothingLoadsFromElsewhere_S1() {
        assertThat(markdown.render("![Schermafdruk loonstrook](https://tracker.example/p.png \"titel\")"))
                .isEqualTo("<p><a href=\"https://tracker.example/p.png\" rel=\"nofollow ugc noopener\">"
                        + "Schermafdruk loonstrook</a></p>\n");
        assertThat(markdown.render("![](https://tracker.example/p.png)"))
                .isEqualTo("<p><a href=\"https://tracker.example/p.png\" rel=\"nofollow ugc noopener\">"
                        + "https://tracker.example/p.png</a></p>\n");
        assertThat(markdown.render("![beeld][p]\n\n[p]: https://tracker.example/p.png"))
                .contains(">beeld</a>")
                .doesNotContain("<img");
        // An image inside a link would become a link inside a link: only the outer link stays.
        assertThat(markdown.render("[![logo](https://t.example/logo.png)](https://clanq.nl)"))
                .isEqualTo("<p><a href=\"https://clanq.nl\" rel=\"nofollow ugc noopener\">logo</a></p>\n");
    }

    @Test
    void rendersTables_C7() {
        String html = markdown.render("| Module | Status |\n|:--|--:|\n| Verlof | **live** |");
        assertThat(html)
                .contains("<table>", "<thead>", "<tbody>")
                .contains("<th align=\"left\">Module</th>", "<th align=\"right\">Status</th>")
                .contains("<td align=\"left\">Verlof</td>", "<td align=\"right\"><strong>live</strong></td>");
        assertOnlySafeMarkup(html);
    }

    @Test
    void linksBareAddressesAndWwwAndEmail_C7() {
        assertThat(markdown.render("Zie https://example.org/handleiding?deel=2 voor meer."))
                .contains("<a href=\"https://example.org/handleiding?deel&#61;2\" rel=\"nofollow ugc noopener\">"
                        + "https://example.org/handleiding?deel&#61;2</a> voor meer.");
        assertThat(markdown.render("Kijk op www.personeelsplein.nl."))
                .contains("<a href=\"http://www.personeelsplein.nl\" rel=\"nofollow ugc noopener\">"
                        + "www.personeelsplein.nl</a>.");
        assertThat(markdown.render("Mail eva@zuidwaarde.example.nl"))
                .contains("<a href=\"mailto:eva&#64;zuidwaarde.example.nl\" rel=\"nofollow ugc noopener\">");
    }

    @Test
    void shiftsHeadingsSoThatThePageKeepsItsOnlyH1_C7() {
        String html = markdown.render("# Eén\n\n## Twee\n\nDrie\n===\n\n##### Vijf\n\n###### Zes");
        assertThat(html)
                .doesNotContain("<h1")
                .contains("<h2>Eén</h2>", "<h3>Twee</h3>", "<h2>Drie</h2>", "<h6>Vijf</h6>", "<h6>Zes</h6>");
    }

    @Test
    void keepsCodeEscapedWithAValidatedLanguageHint_C7() {
        assertThat(markdown.render("```java\nif (a < b && c > d) { s = \"<script>\"; }\n```"))
                .isEqualTo("<pre><code class=\"language-java\">if (a &lt; b &amp;&amp; c &gt; d) "
                        + "{ s &#61; &#34;&lt;script&gt;&#34;; }\n</code></pre>\n");
        assertThat(markdown.render("```\"onmouseover=alert(1)\nx\n```")).isEqualTo("<pre><code>x\n</code></pre>\n");
        assertThat(markdown.render("Gebruik `<b>` niet.")).isEqualTo("<p>Gebruik <code>&lt;b&gt;</code> niet.</p>\n");
        assertThat(markdown.render("    <script>\n")).isEqualTo("<pre><code>&lt;script&gt;\n</code></pre>\n");
    }

    @Test
    void rendersTheEverydayElements_C7() {
        String html = markdown.render(
                "*schuin* **vet**\n\n1. een\n2. twee\n\n- punt\n\n4. vier\n\n> citaat\n\n---\n\nregel  \nbreuk");
        assertThat(html)
                .contains("<em>schuin</em> <strong>vet</strong>")
                .contains("<ol><li>een</li><li>twee</li></ol>", "<ol start=\"4\"><li>vier</li></ol>")
                .contains("<ul><li>punt</li></ul>")
                .contains("<blockquote>\n<p>citaat</p>\n</blockquote>")
                .contains("<hr />", "regel<br />");
        assertOnlySafeMarkup(html);
    }

    @Test
    void keepsDutchTextWithDiacritics_C7() {
        String text = "Één coördinator vroeg: zijn de reünie en het café ‘geïnventariseerd’? Ideeën — €5,–";
        assertThat(markdown.render(text)).isEqualTo("<p>" + text + "</p>\n");
        assertThat(markdown.excerpt(text, 200)).isEqualTo(text);
    }

    @Test
    void showsPathologicallyNestedInputAsTextInsteadOfFailing_S1() {
        String quotes = ">".repeat(50_000) + " <script>x</script>";
        String emphasis = "*".repeat(50_000) + "x" + "*".repeat(50_000);
        assertThat(markdown.render(quotes)).startsWith("<p>&gt;&gt;").doesNotContain("<script");
        assertThat(markdown.render(emphasis)).startsWith("<p>***");
        assertThat(markdown.excerpt(quotes, 40)).hasSizeLessThanOrEqualTo(40);
    }

    @Test
    void excerptStripsAllMarkup_C7() {
        String source = "# Kop\n\nDit is **vet** en [een link](https://x.nl).\n"
                + "![plaatje](https://y.nl/p.png)\n\n| a | b |\n|---|---|\n| c | d |\n\n"
                + "```\ncode()\n```\n\n<b>html</b> > en &amp;";
        assertThat(markdown.excerpt(source, 500))
                .isEqualTo("Kop Dit is vet en een link. plaatje a b c d code() html > en &");
    }

    @Test
    void excerptCutsAtAWordBoundaryWithAnEllipsis_C7() {
        String source = "Dit is een vrij *lange* zin over salarisverwerking en verlof.";
        assertThat(markdown.excerpt(source, 30)).isEqualTo("Dit is een vrij lange zin…");
        assertThat(markdown.excerpt(source, 200))
                .isEqualTo("Dit is een vrij lange zin over salarisverwerking en verlof.");
        assertThat(markdown.excerpt("Arbeidsongeschiktheidsverzekering", 10)).isEqualTo("Arbeidson…");
        IntStream.rangeClosed(1, 70)
                .forEach(max -> assertThat(markdown.excerpt(source, max)).hasSizeLessThanOrEqualTo(max));
        assertThatThrownBy(() -> markdown.excerpt(source, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotePrefixesEveryLineBelowTheAttribution_C7() {
        String quote = markdown.quote("Eva de Vries schreef:", "Eerste regel\r\n\r\n> eerder citaat\nderde\n");
        assertThat(quote).isEqualTo("Eva de Vries schreef\\:\n> Eerste regel\n>\n> > eerder citaat\n> derde\n\n");
        List<String> quoted =
                quote.lines().skip(1).filter(line -> !line.isEmpty()).toList();
        assertThat(quoted).hasSize(4).allMatch(line -> line.startsWith(">"));
        assertThat(markdown.render(quote + "Mijn antwoord."))
                .contains("<blockquote>", "<p>Mijn antwoord.</p>")
                .startsWith("<p>Eva de Vries schreef:</p>");
    }

    @Test
    void quoteShowsAMembersNameLiterally_S1() {
        String quote = markdown.quote("[*Eva*](javascript:alert(1)) schreef:", "hoi");
        assertThat(markdown.render(quote)).startsWith("<p>[*Eva*](javascript:alert(1)) schreef:</p>");
    }

    @Test
    void rendersTheSameOnManyThreadsAtOnce() {
        String source = "# Kop\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![x](https://t.example/x.png) www.clanq.nl";
        String expected = markdown.render(source);
        assertThat(IntStream.range(0, 500).parallel().mapToObj(i -> markdown.render(source)))
                .allMatch(expected::equals);
    }

    /** Only the listed tags and attributes, links only to http(s) and mailto, classes only as hints. */
    private static void assertOnlySafeMarkup(String html) {
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            assertThat(ALLOWED_TAGS).as("tag in %s", html).contains(tag.group(1));
            Matcher attribute = ATTRIBUTE.matcher(tag.group(2));
            while (attribute.find()) {
                String name = attribute.group(1);
                String value = attribute.group(2);
                assertThat(ALLOWED_ATTRIBUTES).as("attribute in %s", html).contains(name);
                if (name.equals("href")) {
                    assertThat(value).as("link in %s", html).matches("(https?://|mailto:)\\S+");
                }
                if (name.equals("class")) {
                    assertThat(value).matches("language-[A-Za-z0-9+#._-]+");
                }
                if (name.equals("rel")) {
                    assertThat(value).isEqualTo("nofollow ugc noopener");
                }
            }
        }
        assertThat(html).doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("<script");
    }
}
