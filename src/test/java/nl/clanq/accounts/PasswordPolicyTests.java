package nl.clanq.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordPolicyTests {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void refusesPasswordsShorterThanTwelveCharacters_S7() {
        assertThat(policy.violation("Kort-maar-1", "eva@example.nl")).hasValue("password.tooShort");
        assertThat(policy.violation("Twaalf-tekens", "eva@example.nl")).isEmpty();
    }

    @Test
    void refusesPasswordsLongerThan128Characters_S7() {
        assertThat(policy.violation("a-long-passphrase ".repeat(8), "eva@example.nl"))
                .hasValue("password.tooLong");
    }

    @Test
    void refusesPasswordsFromTheCommonList_S7() {
        assertThat(policy.violation("1qaz2wsx3edc", "eva@example.nl")).hasValue("password.common");
        assertThat(policy.violation("123QWEASDZXC", "eva@example.nl")).hasValue("password.common");
    }

    @Test
    void refusesPasswordsContainingTheEmailName_S7() {
        assertThat(policy.violation("ikben-evajansen-2026", "evajansen@example.nl"))
                .hasValue("password.containsEmail");
    }

    @Test
    void acceptsALongPassphrase_S7() {
        assertThat(policy.violation("salaris run loopt weer vast", "eva@example.nl"))
                .isEmpty();
    }

    @Test
    void hashesWithArgon2id_S7() {
        PasswordEncoder encoder = new Passwords().passwordEncoder();
        String hash = encoder.encode("salaris run loopt weer vast");
        assertThat(hash).startsWith("$argon2id$");
        assertThat(encoder.matches("salaris run loopt weer vast", hash)).isTrue();
        assertThat(encoder.matches("salaris run loopt weer vas", hash)).isFalse();
    }
}
