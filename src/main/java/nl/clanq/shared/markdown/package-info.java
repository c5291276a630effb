/**
 * Markdown as members write it in posts and messages, turned into HTML that is safe to show to
 * everyone ({@link nl.clanq.shared.markdown.Markdown}), and line differences between two versions
 * of a text for revision views ({@link nl.clanq.shared.markdown.Diff}).
 */
package nl.clanq.shared.markdown;
