package nl.clanq.shared.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import nl.clanq.shared.db.EmbeddedDatabaseEnvironment;
import nl.clanq.shared.demo.DemoMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets and other sensitive text for storage (S6) with AES-256-GCM.
 *
 * <p>A stored value reads {@code v1:<key id>:<nonce>:<ciphertext and tag>} (both parts base64url
 * without padding): it names the key that encrypted it, so keys can rotate while old rows stay
 * readable, and {@link #reencrypt} moves a row to the current key. Every encryption draws a fresh
 * 96-bit random nonce, which is safe for far more values than Clanq will ever store under one key.
 * The version and key id are authenticated with the ciphertext, so neither can be altered unseen.
 *
 * <p>An optional {@code context} (e.g. {@code "user_two_factor:42"}) is authenticated too but not
 * stored: the value then decrypts only with the same context, so someone who can write to the
 * database cannot copy one person's encrypted secret into another person's row.
 *
 * <p>{@link #sign} and {@link #verify} make and check HMAC-SHA256 tags, for links that must work
 * without a login but must not be forged (e.g. one-click unsubscribe). They use a key derived from
 * each encryption key per purpose, never the encryption key itself, so a tag reveals nothing about
 * it and a tag for one purpose is worthless for another.
 *
 * <p>Keys come from {@code clanq.crypto.*} ({@link CryptoProperties}); in demo mode without
 * configured keys a key is generated once into {@code crypto-key} beside the embedded database.
 * Outside demo mode the application refuses to start without a key.
 */
@Component
public class SecretCipher {

    private static final String VERSION = "v1";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final CryptoKeys keys;

    @Autowired
    SecretCipher(CryptoProperties properties, DemoMode demo, Environment env) {
        this(CryptoKeys.resolve(properties, demo.isOn(), demoKeyFile(env)));
    }

    SecretCipher(CryptoKeys keys) {
        this.keys = keys;
    }

    /** Beside the embedded database's data directory, so deleting the data keeps or drops both. */
    static Path demoKeyFile(Environment env) {
        String dir = env.getProperty(EmbeddedDatabaseEnvironment.RESOLVED_DIR);
        if (dir == null) {
            return null;
        }
        return Path.of(dir).toAbsolutePath().getParent().resolve(CryptoKeys.DEMO_KEY_FILE);
    }

    /** Encrypts {@code plaintext} with the current key. */
    public String encrypt(String plaintext) {
        return encrypt(plaintext, null);
    }

    /** Encrypts {@code plaintext} with the current key, bound to {@code context} (see the class notes). */
    public String encrypt(String plaintext, String context) {
        if (plaintext == null) {
            throw new IllegalArgumentException("nothing to encrypt");
        }
        String keyId = keys.currentKeyId();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.current(), nonce, keyId, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + ":" + keyId + ":" + ENCODER.encodeToString(nonce) + ":" + ENCODER.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Decrypts a value made by {@link #encrypt(String)}. */
    public String decrypt(String stored) {
        return decrypt(stored, null);
    }

    /**
     * Decrypts a value made by {@link #encrypt(String, String)} with the same context.
     *
     * @throws DecryptionFailed when the value is malformed, its key is not configured, or it was
     *     altered (or belongs to another context)
     */
    public String decrypt(String stored, String context) {
        Sealed sealed = Sealed.parse(stored);
        SecretKey key = keys.keys().get(sealed.keyId());
        if (key == null) {
            throw new DecryptionFailed(
                    "key \"" + sealed.keyId() + "\" is not configured (clanq.crypto.keys." + sealed.keyId() + ")");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, sealed.nonce(), sealed.keyId(), context);
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new DecryptionFailed(
                    "the value was altered or belongs to another context (key \"" + sealed.keyId() + "\")");
        } catch (GeneralSecurityException e) {
            throw new DecryptionFailed("cannot decrypt with key \"" + sealed.keyId() + "\": " + e.getMessage());
        }
    }

    /** True when {@code stored} was encrypted with the current key, so re-encrypting it changes nothing. */
    public boolean isCurrent(String stored) {
        return Sealed.parse(stored).keyId().equals(keys.currentKeyId());
    }

    /** The id of the key new values are encrypted with. */
    public String currentKeyId() {
        return keys.currentKeyId();
    }

    /** Re-encrypts a value to the current key, e.g. after a key rotation; current values come back unchanged. */
    public String reencrypt(String stored) {
        return reencrypt(stored, null);
    }

    /** As {@link #reencrypt(String)}, for a value bound to {@code context}. */
    public String reencrypt(String stored, String context) {
        if (isCurrent(stored)) {
            // Still proves the value is intact, so a rotation job also finds damaged rows.
            decrypt(stored, context);
            return stored;
        }
        return encrypt(decrypt(stored, context), context);
    }

    /**
     * An HMAC-SHA256 tag of {@code data} (base64url, 43 characters) with the current key's signing
     * key for {@code purpose}, e.g. {@code "unsubscribe"}.
     */
    public String sign(String purpose, String data) {
        return ENCODER.encodeToString(hmac(signingKey(keys.current(), purpose), data));
    }

    /**
     * True when {@code tag} is {@link #sign}'s tag of {@code data} for {@code purpose} under any
     * configured key, so that links signed before a key rotation keep working while the old key is
     * configured. Compares in constant time.
     */
    public boolean verify(String purpose, String data, String tag) {
        if (tag == null || data == null) {
            return false;
        }
        byte[] given;
        try {
            given = DECODER.decode(tag);
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean valid = false;
        for (SecretKey key : keys.keys().values()) {
            valid |= MessageDigest.isEqual(hmac(signingKey(key, purpose), data), given);
        }
        return valid;
    }

    /** HKDF-style: the signing key for a purpose is an HMAC of the purpose under the encryption key. */
    private static byte[] signingKey(SecretKey key, String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a signing purpose is required");
        }
        return hmac(key.getEncoded(), "clanq-signing-key:v1:" + purpose);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId, String context)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        // '|' cannot occur in a key id, so version, key id and context never run into each other.
        String associated = VERSION + ":" + keyId + "|" + (context == null ? "" : context);
        cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A stored value taken apart. */
    private record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {

        static Sealed parse(String stored) {
            String[] parts = stored == null ? new String[0] : stored.split(":", -1);
            if (parts.length != 4 || !VERSION.equals(parts[0]) || parts[1].isEmpty()) {
                throw new DecryptionFailed("not a value made by SecretCipher " + VERSION);
            }
            try {
                byte[] nonce = DECODER.decode(parts[2]);
                byte[] ciphertext = DECODER.decode(parts[3]);
                if (nonce.length != NONCE_BYTES || ciphertext.length < TAG_BITS / 8) {
                    throw new DecryptionFailed("the value is truncated (key \"" + parts[1] + "\")");
                }
                return new Sealed(parts[1], nonce, ciphertext);
            } catch (IllegalArgumentException e) {
                throw new DecryptionFailed("the value is not valid base64url (key \"" + parts[1] + "\")");
            }
        }
    }

    /** A stored value cannot be decrypted. The message never contains the value or any plaintext. */
    public static final class DecryptionFailed extends IllegalStateException {

        DecryptionFailed(String why) {
            super("Cannot decrypt: " + why);
        }
    }
}
