package nl.clanq.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Dutch compounds in queries. The index splits compounds into the HR words they are made of
 * ("verlofregistratie" is also indexed as "verlof" and "registratie"); a query that did the same
 * would find every topic with any one part ("loonstrook" would find all about "loon"). Instead a
 * word that consists wholly of known words, with an optional linking s ("salarisadministratie",
 * "dienstverbandsduur"), asks for the compound or for all of its parts:
 * {@code loonstrook} becomes {@code (loonstrook | (loon strook))}.
 */
final class Compounds {

    private static final Set<String> WORDS = load("search/hr-compounds.txt");
    /** The characters of Lucene's simple query syntax: quotes, operators, prefixes, fuzziness. */
    static final Pattern SYNTAX = Pattern.compile("[\"|+\\-*()~\\\\]");

    private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");

    private Compounds() {}

    /**
     * The query with its compounds expanded; a query written with search syntax (quotes, |, -, …)
     * is left as the member wrote it.
     */
    static String expand(String query) {
        if (SYNTAX.matcher(query).find()) {
            return query;
        }
        List<String> out = new ArrayList<>();
        for (String word : query.strip().split("\\s+")) {
            List<String> parts = split(fold(word));
            out.add(parts.size() < 2 ? word : "(" + word + " | (" + String.join(" ", parts) + "))");
        }
        return String.join(" ", out);
    }

    /** The known words the whole word consists of, or an empty list. */
    static List<String> split(String word) {
        List<String> parts = new ArrayList<>();
        return split(word, 0, parts) ? parts : List.of();
    }

    private static boolean split(String word, int from, List<String> parts) {
        if (from == word.length()) {
            return true;
        }
        // Longest first: "salarissen" before "salaris".
        for (int to = word.length(); to > from + 1; to--) {
            String part = word.substring(from, to);
            if (!WORDS.contains(part)) {
                continue;
            }
            parts.add(part);
            if (split(word, to, parts)
                    || (to < word.length() && word.charAt(to) == 's' && split(word, to + 1, parts))) {
                return true;
            }
            parts.removeLast();
        }
        return false;
    }

    private static String fold(String word) {
        return ACCENTS.matcher(Normalizer.normalize(word.toLowerCase(Locale.ROOT), Normalizer.Form.NFD))
                .replaceAll("");
    }

    private static Set<String> load(String resource) {
        try (InputStream in = Compounds.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
