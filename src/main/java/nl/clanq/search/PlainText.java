package nl.clanq.search;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;
import org.hibernate.search.mapper.pojo.bridge.ValueBridge;
import org.hibernate.search.mapper.pojo.bridge.runtime.ValueBridgeToIndexedValueContext;

/**
 * Indexes Markdown as the text a reader sees: no asterisks, link targets or code fences in the
 * index or in the highlighted snippets.
 */
public class PlainText implements ValueBridge<String, String> {

    private static final Parser PARSER = Parser.builder().build();
    private static final TextContentRenderer RENDERER =
            TextContentRenderer.builder().build();

    @Override
    public String toIndexedValue(String markdown, ValueBridgeToIndexedValueContext context) {
        return markdown == null || markdown.isBlank() ? null : text(markdown);
    }

    /** Projections give the indexed plain text back as it is. */
    @Override
    public String fromIndexedValue(
            String value, org.hibernate.search.mapper.pojo.bridge.runtime.ValueBridgeFromIndexedValueContext context) {
        return value;
    }

    static String text(String markdown) {
        return RENDERER.render(PARSER.parse(markdown)).strip();
    }
}
