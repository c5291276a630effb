package nl.clanq.shared.markdown;

import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;

/**
 * Shapes a parsed post before it is rendered: headings start at level 2 because the page already
 * has its one {@code h1}; images become links to their address with the alt text as link text,
 * because an image would be fetched from a third party by every reader (tracking, and a hole in
 * the Content-Security-Policy); links inside links are unwrapped, because nested anchors are
 * invalid HTML that browsers repair in surprising ways.
 *
 * <p>Stateless, so one instance serves every thread.
 */
final class TreeRules implements PostProcessor {

    static final int FIRST_HEADING_LEVEL = 2;
    private static final int LAST_HEADING_LEVEL = 6;

    @Override
    public Node process(Node document) {
        rewrite(document, false);
        return document;
    }

    private static void rewrite(Node parent, boolean insideLink) {
        Node child = parent.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            if (child instanceof Heading heading) {
                heading.setLevel(Math.min(heading.getLevel() + FIRST_HEADING_LEVEL - 1, LAST_HEADING_LEVEL));
                rewrite(heading, insideLink);
            } else if (insideLink && (child instanceof Image || child instanceof Link)) {
                Node firstMoved = unwrap(child);
                if (firstMoved != null) {
                    next = firstMoved;
                }
            } else if (child instanceof Image image) {
                Link link = linkInsteadOf(image);
                rewrite(link, true);
            } else {
                rewrite(child, insideLink || child instanceof Link);
            }
            child = next;
        }
    }

    /** Replaces {@code node} by its children; answers the first of them, if any. */
    private static Node unwrap(Node node) {
        Node first = node.getFirstChild();
        Node moving = first;
        while (moving != null) {
            Node following = moving.getNext();
            node.insertBefore(moving);
            moving = following;
        }
        node.unlink();
        return first;
    }

    private static Link linkInsteadOf(Image image) {
        Link link = new Link(image.getDestination(), image.getTitle());
        Node moving = image.getFirstChild();
        while (moving != null) {
            Node following = moving.getNext();
            link.appendChild(moving);
            moving = following;
        }
        if (link.getFirstChild() == null) {
            // Without alt text the address itself is the only honest label.
            link.appendChild(new Text(image.getDestination()));
        }
        image.insertBefore(link);
        image.unlink();
        return link;
    }
}
