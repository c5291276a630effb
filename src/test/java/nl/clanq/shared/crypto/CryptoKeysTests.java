package nl.clanq.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import nl.clanq.shared.db.EmbeddedDatabaseEnvironment;
import nl.clanq.shared.demo.DemoMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

class CryptoKeysTests {

    static String base64Key() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static DemoMode demo(boolean on) {
        DemoMode mode = mock(DemoMode.class);
        when(mode.isOn()).thenReturn(on);
        return mode;
    }

    @TempDir
    Path tmp;

    @Test
    void refusesToStartOutsideDemoModeWithoutAKeyAndSaysWhatToSet_S6() {
        MockEnvironment env = new MockEnvironment()
                .withProperty(
                        EmbeddedDatabaseEnvironment.RESOLVED_DIR,
                        tmp.resolve("pg").toString());

        assertThatThrownBy(() -> new SecretCipher(new CryptoProperties(null, null), demo(false), env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("clanq.crypto.keys.<id>")
                .hasMessageContaining("clanq.crypto.current-key")
                .hasMessageContaining("openssl rand -base64 32");
        assertThat(tmp.resolve(CryptoKeys.DEMO_KEY_FILE)).doesNotExist();
    }

    @Test
    void refusesToStartInDemoModeWithoutAnEmbeddedDatabaseToKeepTheKeyBeside_S6() {
        assertThatThrownBy(() -> new SecretCipher(new CryptoProperties(null, null), demo(true), new MockEnvironment()))
                .hasMessageContaining("clanq.crypto.keys.<id>")
                .hasMessageContaining("clanq.crypto.current-key");
    }

    @Test
    void namesTheSettingThatIsWrongWithoutEchoingTheKey_S6() {
        String key = base64Key();
        assertThatThrownBy(() -> CryptoKeys.configured(new CryptoProperties(Map.of("k1", key), null)))
                .hasMessageContaining("clanq.crypto.current-key is not set");
        assertThatThrownBy(() -> CryptoKeys.configured(new CryptoProperties(Map.of("k1", key), "k2")))
                .hasMessageContaining("there is no clanq.crypto.keys.k2")
                .hasMessageContaining("[k1]");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> CryptoKeys.configured(new CryptoProperties(Map.of("k1", shortKey), "k1")))
                .hasMessageContaining("clanq.crypto.keys.k1 holds 16 bytes")
                .message()
                .doesNotContain(shortKey);
        assertThatThrownBy(() -> CryptoKeys.configured(new CryptoProperties(Map.of("k1", "not base64!"), "k1")))
                .hasMessageContaining("clanq.crypto.keys.k1 is not valid base64")
                .message()
                .doesNotContain("not base64!");
        assertThatThrownBy(() -> CryptoKeys.configured(new CryptoProperties(Map.of("k:1", key), "k:1")))
                .hasMessageContaining("may only use letters");
    }

    @Test
    void configuredKeysAreUsedEvenInDemoMode_S6() {
        String key = base64Key();
        MockEnvironment env = new MockEnvironment()
                .withProperty(
                        EmbeddedDatabaseEnvironment.RESOLVED_DIR,
                        tmp.resolve("pg").toString());

        SecretCipher cipher = new SecretCipher(new CryptoProperties(Map.of("k1", key), "k1"), demo(true), env);

        assertThat(cipher.currentKeyId()).isEqualTo("k1");
        assertThat(tmp.resolve(CryptoKeys.DEMO_KEY_FILE)).doesNotExist();
    }

    @Test
    void demoModeGeneratesAKeyFileBesideTheEmbeddedDatabaseOnceAndReusesIt_S6() throws Exception {
        MockEnvironment env = new MockEnvironment()
                .withProperty(
                        EmbeddedDatabaseEnvironment.RESOLVED_DIR,
                        tmp.resolve("pg").toString());
        Path keyFile = tmp.resolve("crypto-key");

        SecretCipher first = new SecretCipher(new CryptoProperties(null, null), demo(true), env);
        String stored = first.encrypt("demo secret");
        String content = Files.readString(keyFile);
        SecretCipher second = new SecretCipher(new CryptoProperties(null, null), demo(true), env);

        assertThat(SecretCipher.demoKeyFile(env)).isEqualTo(keyFile.toAbsolutePath());
        assertThat(first.currentKeyId()).isEqualTo("demo");
        assertThat(Base64.getDecoder().decode(content.strip())).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(second.decrypt(stored)).isEqualTo("demo secret");
        assertThat(Files.readString(keyFile)).isEqualTo(content);
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(keyFile);
        }
    }

    @Test
    void refusesADamagedDemoKeyFile_S6() throws Exception {
        Files.writeString(tmp.resolve("crypto-key"), "garbage");

        assertThatThrownBy(() -> CryptoKeys.resolve(new CryptoProperties(null, null), true, tmp.resolve("crypto-key")))
                .hasMessageContaining("demo key file")
                .hasMessageContaining("Delete it");
    }

    @Test
    void bindsKeysFromTheEnvironmentVariablesTheMessageSuggests_S6() {
        String key = base64Key();
        var source = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("CLANQ_CRYPTO_KEYS_K1", key, "CLANQ_CRYPTO_CURRENTKEY", "k1"));

        CryptoProperties properties = new Binder(ConfigurationPropertySources.from(source))
                .bind("clanq.crypto", CryptoProperties.class)
                .get();

        assertThat(properties.keys()).containsOnlyKeys("k1");
        assertThat(CryptoKeys.configured(properties).currentKeyId()).isEqualTo("k1");
        assertThat(properties.toString()).doesNotContain(key);
    }
}
