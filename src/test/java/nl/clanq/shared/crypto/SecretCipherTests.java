package nl.clanq.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretCipherTests {

    static SecretKey randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }

    final SecretKey k1 = randomKey();
    final SecretKey k2 = randomKey();
    final SecretCipher cipher = new SecretCipher(new CryptoKeys(Map.of("k1", k1), "k1"));

    @Test
    void roundTripsTextIncludingNonAscii_S6() {
        for (String text : new String[] {"JBSWY3DPEHPK3PXP", "", "Één geheim — 🔐"}) {
            assertThat(cipher.decrypt(cipher.encrypt(text))).isEqualTo(text);
        }
    }

    @Test
    void drawsAFreshNonceForEveryEncryption_S6() {
        String first = cipher.encrypt("same secret");
        String second = cipher.encrypt("same secret");

        assertThat(first).isNotEqualTo(second);
        assertThat(first.split(":")[2]).isNotEqualTo(second.split(":")[2]);
        assertThat(Base64.getUrlDecoder().decode(first.split(":")[2])).hasSize(12);
    }

    @Test
    void storedValueNamesItsKeyAndNeverContainsThePlaintext_S6_S2() {
        String secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        String stored = cipher.encrypt(secret);

        assertThat(stored).startsWith("v1:k1:").doesNotContain(secret).doesNotContain("JBSWY3DP");
        assertThat(stored.toLowerCase()).doesNotContain(secret.toLowerCase());
        assertThat(stored).doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes()));
    }

    @Test
    void refusesAnAlteredValue_S6() {
        String stored = cipher.encrypt("a secret");
        String[] parts = stored.split(":");
        byte[] sealed = Base64.getUrlDecoder().decode(parts[3]);
        sealed[0] ^= 1;
        String flippedCiphertext = parts[0] + ":" + parts[1] + ":" + parts[2] + ":"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        byte[] nonce = Base64.getUrlDecoder().decode(parts[2]);
        nonce[0] ^= 1;
        String flippedNonce = parts[0] + ":" + parts[1] + ":"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce) + ":" + parts[3];
        String truncated = stored.substring(0, stored.length() - 4);

        for (String altered : new String[] {flippedCiphertext, flippedNonce, truncated}) {
            assertThatThrownBy(() -> cipher.decrypt(altered))
                    .isInstanceOf(SecretCipher.DecryptionFailed.class)
                    .message()
                    .doesNotContain("a secret");
        }
    }

    @Test
    void refusesAValueRelabelledWithAnotherKeyId_S6() {
        SecretCipher both = new SecretCipher(new CryptoKeys(Map.of("k1", k1, "k2", k1), "k1"));
        String stored = both.encrypt("a secret");

        // Same key bytes under another id: the id is authenticated, so this fails anyway.
        assertThatThrownBy(() -> both.decrypt(stored.replace("v1:k1:", "v1:k2:")))
                .isInstanceOf(SecretCipher.DecryptionFailed.class);
    }

    @Test
    void decryptsOnlyWithTheContextItWasBoundTo_S6() {
        String stored = cipher.encrypt("totp secret", "user_two_factor:1");

        assertThat(cipher.decrypt(stored, "user_two_factor:1")).isEqualTo("totp secret");
        assertThatThrownBy(() -> cipher.decrypt(stored, "user_two_factor:2"))
                .isInstanceOf(SecretCipher.DecryptionFailed.class);
        assertThatThrownBy(() -> cipher.decrypt(stored)).isInstanceOf(SecretCipher.DecryptionFailed.class);
    }

    @Test
    void decryptsValuesOfAnOlderKeyAfterTheCurrentKeyChanged_S6() {
        String old = cipher.encrypt("written under k1");

        SecretCipher rotated = new SecretCipher(new CryptoKeys(Map.of("k1", k1, "k2", k2), "k2"));

        assertThat(rotated.decrypt(old)).isEqualTo("written under k1");
        assertThat(rotated.encrypt("new")).startsWith("v1:k2:");
        assertThat(rotated.isCurrent(old)).isFalse();
    }

    @Test
    void reencryptionMovesAValueToTheCurrentKey_S6() {
        String old = cipher.encrypt("rotate me", "ctx");
        SecretCipher rotated = new SecretCipher(new CryptoKeys(Map.of("k1", k1, "k2", k2), "k2"));

        String moved = rotated.reencrypt(old, "ctx");

        assertThat(moved).startsWith("v1:k2:");
        assertThat(rotated.isCurrent(moved)).isTrue();
        assertThat(rotated.reencrypt(moved, "ctx")).isEqualTo(moved);
        // Readable without k1: the old key can be retired once every row has moved.
        SecretCipher withoutK1 = new SecretCipher(new CryptoKeys(Map.of("k2", k2), "k2"));
        assertThat(withoutK1.decrypt(moved, "ctx")).isEqualTo("rotate me");
        assertThatThrownBy(() -> withoutK1.decrypt(old, "ctx"))
                .isInstanceOf(SecretCipher.DecryptionFailed.class)
                .hasMessageContaining("clanq.crypto.keys.k1");
    }

    @Test
    void refusesValuesItDidNotMake_S6() {
        for (String foreign : new String[] {"JBSWY3DPEHPK3PXP", "v2:k1:AAAA:AAAA", "v1::AAAA:AAAA", "v1:k1:!!:AAAA"}) {
            assertThatThrownBy(() -> cipher.decrypt(foreign)).isInstanceOf(SecretCipher.DecryptionFailed.class);
        }
    }

    @Test
    void signedLinksVerifyAfterRotationAndRefuseAnyChange() {
        String tag = cipher.sign("unsubscribe", "42.REPLY");

        assertThat(tag).matches("[A-Za-z0-9_-]{43}");
        assertThat(cipher.verify("unsubscribe", "42.REPLY", tag)).isTrue();
        assertThat(cipher.verify("unsubscribe", "43.REPLY", tag)).isFalse();
        assertThat(cipher.verify("password-reset", "42.REPLY", tag)).isFalse();
        assertThat(cipher.verify("unsubscribe", "42.REPLY", tag.substring(1) + "A"))
                .isFalse();
        assertThat(cipher.verify("unsubscribe", "42.REPLY", "not base64!")).isFalse();
        assertThat(cipher.verify("unsubscribe", "42.REPLY", null)).isFalse();
        // Never the encryption key itself: the tag differs from a plain HMAC under it.
        assertThat(tag).isNotEqualTo(plainHmac(k1, "42.REPLY"));

        SecretCipher rotated = new SecretCipher(new CryptoKeys(Map.of("k1", k1, "k2", k2), "k2"));
        assertThat(rotated.verify("unsubscribe", "42.REPLY", tag)).isTrue();
        assertThat(rotated.sign("unsubscribe", "42.REPLY")).isNotEqualTo(tag);
        SecretCipher other = new SecretCipher(new CryptoKeys(Map.of("k2", k2), "k2"));
        assertThat(other.verify("unsubscribe", "42.REPLY", tag)).isFalse();
    }

    private static String plainHmac(SecretKey key, String data) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(data.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
