package nl.clanq.shared.markdown;

import java.util.List;
import java.util.regex.Pattern;
import org.owasp.html.AttributePolicy;
import org.owasp.html.ElementPolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The second gate behind the renderer: everything rendered Markdown may contain. What is not
 * listed here (images, style, classes other than a code language, event handlers, ids, targets,
 * h1, any other element) is removed by the OWASP sanitizer, keeping the text.
 */
final class PostPolicy {

    static final String LINK_REL = "nofollow ugc noopener";

    /** http(s) and mailto only: javascript:, data:, relative and protocol-relative links go. */
    private static final Pattern SAFE_HREF = Pattern.compile("(?i)(?:https?://|mailto:)\\S+");

    /** A language hint on code only; short, and unable to smuggle in a second class. */
    private static final Pattern CODE_LANGUAGE = Pattern.compile("language-[A-Za-z0-9][A-Za-z0-9+#._-]{0,31}");

    private static final AttributePolicy HREF = (element, attribute, value) -> {
        String href = value.strip();
        return SAFE_HREF.matcher(href).matches() ? href : null;
    };

    /**
     * Runs after the attribute policies: a link whose address was refused becomes its bare text,
     * every other link gets exactly {@link #LINK_REL} (nofollow and ugc for search engines,
     * noopener so that a linked page cannot reach back into ours).
     */
    private static final ElementPolicy LINK = (element, attributes) -> {
        if (!hasAttribute(attributes, "href")) {
            return null;
        }
        attributes.add("rel");
        attributes.add(LINK_REL);
        return element;
    };

    static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "del")
            .allowElements("h2", "h3", "h4", "h5", "h6")
            .allowElements("ul", "ol", "li")
            .allowElements("table", "thead", "tbody", "tr", "th", "td")
            .allowElements(LINK, "a")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href")
            .matching(HREF)
            .onElements("a")
            .allowAttributes("start")
            .matching(Pattern.compile("[0-9]{1,9}"))
            .onElements("ol")
            .allowAttributes("align")
            .matching(true, "left", "center", "right")
            .onElements("th", "td")
            .allowAttributes("class")
            .matching(CODE_LANGUAGE)
            .onElements("code")
            .toFactory();

    private PostPolicy() {}

    /** OWASP hands attributes over as one list of alternating names and values. */
    private static boolean hasAttribute(List<String> attributes, String name) {
        for (int i = 0; i < attributes.size(); i += 2) {
            if (attributes.get(i).equals(name)) {
                return true;
            }
        }
        return false;
    }
}
