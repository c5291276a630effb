package nl.clanq.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * S7: passwords of 12 to 128 characters that are not among the 10,000 most common ones and do not
 * contain the name part of the person's email address. Answers with a message key, so the form can
 * say what is wrong in the user's language.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    /** The message key of the first rule the password breaks, or empty when it is acceptable. */
    public Optional<String> violation(String password, String email) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("password.tooShort");
        }
        if (password.codePointCount(0, password.length()) > MAX_LENGTH) {
            return Optional.of("password.tooLong");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return Optional.of("password.common");
        }
        if (email != null && email.contains("@")) {
            String name = email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT);
            if (name.length() >= 3 && lower.contains(name)) {
                return Optional.of("password.containsEmail");
            }
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>(16_384);
        ClassPathResource list = new ClassPathResource("accounts/common-passwords.txt");
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(list.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The common-password list is missing from the build", e);
        }
        return Set.copyOf(words);
    }
}
