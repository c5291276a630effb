package nl.clanq.shared.markdown;

import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/**
 * The words of a parsed post without any markup, on one line, for excerpts. Raw HTML is left out
 * (it is markup, even though posts show it escaped); code keeps its text.
 */
final class PlainText {

    private final StringBuilder out = new StringBuilder();

    private PlainText() {}

    static String of(Node document) {
        PlainText text = new PlainText();
        text.collect(document);
        return text.out.toString().replaceAll("\\s+", " ").strip();
    }

    private void collect(Node node) {
        switch (node) {
            case Text text -> out.append(text.getLiteral());
            case Code code -> out.append(code.getLiteral());
            case FencedCodeBlock code ->
                out.append(' ').append(code.getLiteral()).append(' ');
            case IndentedCodeBlock code ->
                out.append(' ').append(code.getLiteral()).append(' ');
            case HtmlInline ignored -> {}
            case HtmlBlock ignored -> {}
            case SoftLineBreak ignored -> out.append(' ');
            case HardLineBreak ignored -> out.append(' ');
            default -> {
                for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                    collect(child);
                }
                // Blocks and table cells would otherwise run their words together.
                if (node instanceof Block || node instanceof TableCell) {
                    out.append(' ');
                }
            }
        }
    }
}
