package nl.clanq.shared.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key ring of {@link SecretCipher}: the configured keys, checked at start-up, or in demo mode
 * a key generated once and kept in a file beside the embedded database.
 */
record CryptoKeys(Map<String, SecretKey> keys, String currentKeyId) {

    static final String DEMO_KEY_ID = "demo";
    static final String DEMO_KEY_FILE = "crypto-key";
    static final int KEY_BYTES = 32;

    // The key id is part of every stored value ("v1:<id>:…"), so it must not contain the separator.
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(CryptoKeys.class);

    CryptoKeys {
        keys = Map.copyOf(keys);
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("no key with id " + currentKeyId);
        }
    }

    SecretKey current() {
        return keys.get(currentKeyId);
    }

    /**
     * The keys this run uses. Configured keys always win. Without any, demo mode falls back to
     * {@code demoKeyFile} (created on first use); outside demo mode, or in demo mode without an
     * embedded database ({@code demoKeyFile} null), start-up stops with instructions.
     */
    static CryptoKeys resolve(CryptoProperties properties, boolean demo, Path demoKeyFile) {
        boolean nothingConfigured = properties.keys().isEmpty()
                && (properties.currentKey() == null || properties.currentKey().isBlank());
        if (nothingConfigured && demo && demoKeyFile != null) {
            return new CryptoKeys(Map.of(DEMO_KEY_ID, demoKey(demoKeyFile)), DEMO_KEY_ID);
        }
        if (nothingConfigured) {
            throw new KeyNotConfigured("No encryption key is configured."
                    + (demo ? " Demo mode generates one only beside an embedded database." : ""));
        }
        return configured(properties);
    }

    static CryptoKeys configured(CryptoProperties properties) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : properties.keys().entrySet()) {
            String id = entry.getKey();
            if (!KEY_ID.matcher(id).matches()) {
                throw new KeyNotConfigured("The key id \"" + id + "\" in clanq.crypto.keys." + id
                        + " may only use letters, digits, '-' and '_' (at most 40).");
            }
            keys.put(id, decode(entry.getValue(), "clanq.crypto.keys." + id));
        }
        String current =
                properties.currentKey() == null ? "" : properties.currentKey().strip();
        if (current.isEmpty()) {
            throw new KeyNotConfigured("clanq.crypto.current-key is not set; it names the key for new values.");
        }
        if (!keys.containsKey(current)) {
            throw new KeyNotConfigured(
                    "clanq.crypto.current-key is \"" + current + "\", but there is no clanq.crypto.keys." + current
                            + " (configured key ids: " + new TreeSet<>(keys.keySet()) + ").");
        }
        return new CryptoKeys(keys, current);
    }

    /** Never echoes the value: a near-miss key in a log is still most of a key. */
    private static SecretKey decode(String base64, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new KeyNotConfigured(setting + " is not valid base64.");
        }
        try {
            if (bytes.length != KEY_BYTES) {
                throw new KeyNotConfigured(
                        setting + " holds " + bytes.length + " bytes; an AES-256 key has " + KEY_BYTES + ".");
            }
            return new SecretKeySpec(bytes, "AES");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static SecretKey demoKey(Path file) {
        try {
            if (!Files.exists(file)) {
                createDemoKeyFile(file);
            }
            String content = Files.readString(file, StandardCharsets.US_ASCII);
            try {
                return decode(content, "the demo key file " + file);
            } catch (KeyNotConfigured e) {
                throw new IllegalStateException(
                        e.reason() + " Delete it together with the embedded database to start the demo afresh.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the demo key file " + file, e);
        }
    }

    private static void createDemoKeyFile(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        byte[] content = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(key, (byte) 0);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
        // Written beside the target and moved into place, so a second process never reads half a key.
        Path temp = Files.createTempFile(dir, DEMO_KEY_FILE, ".tmp", ownerOnly);
        try {
            Files.write(temp, content);
            Files.move(temp, file);
            log.info("Demo mode: generated an encryption key in {}", file.toAbsolutePath());
        } catch (FileAlreadyExistsException raced) {
            // Another process created it first; theirs is the key.
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Start-up stops: without a key nothing secret can be stored (S6). */
    static final class KeyNotConfigured extends IllegalStateException {

        private final String reason;

        KeyNotConfigured(String reason) {
            super(reason
                    + " Clanq encrypts secrets at rest (S6) and will not start without a key. Set"
                    + " clanq.crypto.keys.<id> to the base64 of 32 random bytes and clanq.crypto.current-key"
                    + " to <id>, e.g. the environment variables CLANQ_CRYPTO_KEYS_K1 and"
                    + " CLANQ_CRYPTO_CURRENTKEY=k1. Generate a key with: openssl rand -base64 32");
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }
}
