package nl.clanq.accounts;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One-time recovery codes such as {@code k7mq-xp3a-wn}: ten characters from an alphabet without
 * look-alikes (no 0/o, 1/l/i), about 50 bits each. Only a hash is stored; it includes the user id so
 * that one guess cannot be tried against everyone's codes at once.
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    static final int LENGTH = 10;

    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {}

    static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder(LENGTH + 2);
            for (int j = 0; j < LENGTH; j++) {
                if (j == 4 || j == 8) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** As typed: upper or lower case, with or without dashes and spaces. Empty when it cannot be one. */
    static String canonical(String input) {
        String code = input == null ? "" : input.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        return code.length() == LENGTH && code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0) ? code : "";
    }

    static String hash(long userId, String canonicalCode) {
        return Tokens.hash(userId + ":" + canonicalCode);
    }
}
