package nl.clanq.shared.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Deployment security settings.
 *
 * @param https true behind HTTPS in production: cookies get {@code Secure} and the {@code __Host-}
 *     prefix, HSTS is sent
 * @param trustedProxies CIDR ranges of reverse proxies whose {@code X-Forwarded-For} is believed;
 *     from anyone else the header is ignored, so it cannot be spoofed
 */
@ConfigurationProperties("clanq.security")
public record ClanqSecurityProperties(Boolean https, List<String> trustedProxies) {

    public ClanqSecurityProperties {
        https = https != null && https;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
