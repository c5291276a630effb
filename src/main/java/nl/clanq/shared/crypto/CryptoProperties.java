package nl.clanq.shared.crypto;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys for data encrypted at rest ({@code clanq.crypto.*}, S6). There is deliberately no default:
 * a key that ships with the code protects nothing.
 *
 * @param keys key id to the base64 of 32 random bytes ({@code openssl rand -base64 32}); every key
 *     that ever encrypted a stored value must stay here until that value is re-encrypted
 * @param currentKey the id of the key that encrypts new values
 */
@ConfigurationProperties("clanq.crypto")
public record CryptoProperties(Map<String, String> keys, String currentKey) {

    public CryptoProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }

    /** Names the key ids only: the record must never put key material into a log. */
    @Override
    public String toString() {
        return "CryptoProperties[keys=" + keys.keySet() + ", currentKey=" + currentKey + "]";
    }
}
