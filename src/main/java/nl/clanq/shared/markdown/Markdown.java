package nl.clanq.shared.markdown;

import java.util.List;
import java.util.Objects;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.autolink.AutolinkType;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Turns what members write in posts and messages (Markdown) into HTML that is safe to show to every
 * reader (C7, S1). Posts are rendered once, when they are saved; keep both source and HTML.
 *
 * <p>Two gates, so that a mistake in one is caught by the other: commonmark-java renders CommonMark
 * with GFM tables and autolinks and escapes any raw HTML in the source instead of passing it on;
 * then the OWASP sanitizer keeps only what {@link PostPolicy} lists. Before rendering, headings
 * move down to start at {@code h2} and images become plain links ({@link TreeRules}), so nothing
 * in a post ever loads from elsewhere. Every link gets {@code rel="nofollow ugc noopener"}.
 *
 * <p>Built once and thread-safe: parser, renderer and policy are immutable.
 */
@Component
public class Markdown {

    private static final String ELLIPSIS = "…";

    private final Parser parser;
    private final HtmlRenderer renderer;

    public Markdown() {
        List<Extension> extensions = List.of(
                TablesExtension.create(),
                AutolinkExtension.builder()
                        .linkTypes(AutolinkType.URL, AutolinkType.WWW, AutolinkType.EMAIL)
                        .build());
        this.parser = Parser.builder()
                .extensions(extensions)
                .postProcessor(new TreeRules())
                .build();
        this.renderer = HtmlRenderer.builder()
                .extensions(extensions)
                .escapeHtml(true)
                .sanitizeUrls(true)
                .percentEncodeUrls(true)
                .build();
    }

    /** The sanitised HTML of {@code source}, to store beside the source when a post is saved. */
    public String render(String source) {
        Objects.requireNonNull(source, "source");
        String html;
        try {
            html = renderer.render(parser.parse(source));
        } catch (StackOverflowError tooDeep) {
            // commonmark-java parses and renders nesting recursively, so a few thousand nested
            // quotes or emphasis markers exhaust the stack. Such a post is vandalism or a mistake:
            // show it as the plain text it is rather than refuse to save it.
            html = asEscapedParagraphs(source);
        }
        return PostPolicy.POLICY.sanitize(html);
    }

    /**
     * The plain text of {@code source} (no markup at all) in at most {@code maxChars} characters,
     * for lists, notifications and search snippets. A longer text is cut at a word boundary and ends
     * in an ellipsis, which counts towards {@code maxChars}.
     */
    public String excerpt(String source, int maxChars) {
        Objects.requireNonNull(source, "source");
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        }
        String text;
        try {
            text = PlainText.of(parser.parse(source));
        } catch (StackOverflowError tooDeep) {
            // See render(): what cannot be parsed loses its Markdown punctuation instead.
            text = source.replaceAll("[*_>#`~|\\[\\]]+", " ")
                    .replaceAll("\\s+", " ")
                    .strip();
        }
        return shorten(text, maxChars);
    }

    /**
     * The Markdown that quotes {@code source} in a reply: {@code attribution} on a line of its own,
     * every line of the source prefixed with {@code "> "}, then an empty line, so that the reply
     * starts a paragraph of its own below the quote.
     *
     * @param attribution the line above the quote as the caller words it in the reader's language,
     *     e.g. "Eva de Vries schreef:". It is shown literally: Markdown characters in it are escaped,
     *     so that a member's name cannot format or link anything.
     */
    public String quote(String attribution, String source) {
        Objects.requireNonNull(attribution, "attribution");
        Objects.requireNonNull(source, "source");
        StringBuilder out = new StringBuilder();
        out.append(escapeMarkdown(attribution.replaceAll("\\s+", " ").strip())).append('\n');
        String body = source.replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
        for (String line : body.split("\n", -1)) {
            out.append(line.isBlank() ? ">" : "> " + line).append('\n');
        }
        return out.append('\n').toString();
    }

    static String shorten(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int room = maxChars - ELLIPSIS.length();
        int space = text.lastIndexOf(' ', room);
        // A single word longer than the room is cut inside, rather than leaving only an ellipsis.
        String kept = space > 0 ? text.substring(0, space) : text.substring(0, room);
        if (!kept.isEmpty() && Character.isHighSurrogate(kept.charAt(kept.length() - 1))) {
            kept = kept.substring(0, kept.length() - 1);
        }
        return kept.replaceAll("[\\s,;:.–-]+$", "") + ELLIPSIS;
    }

    private static String asEscapedParagraphs(String source) {
        StringBuilder html = new StringBuilder();
        for (String paragraph :
                source.replace("\r\n", "\n").replace('\r', '\n').strip().split("\n\\s*\n")) {
            html.append("<p>")
                    .append(HtmlUtils.htmlEscape(paragraph, "UTF-8").replace("\n", "<br>\n"))
                    .append("</p>\n");
        }
        return html.toString();
    }

    /** Backslash before every ASCII punctuation character: CommonMark then shows it literally. */
    private static String escapeMarkdown(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (c < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.appendCodePoint(c);
        });
        return out.toString();
    }
}
