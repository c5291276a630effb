package nl.clanq.shared.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo mode. {@code enabled} defaults to on with the embedded database and off otherwise; the
 * password is what every demo account gets.
 */
@ConfigurationProperties("clanq.demo")
public record DemoProperties(Boolean enabled, String password) {

    public DemoProperties {
        if (password == null || password.isBlank()) {
            password = "Clanq-demo-2026!";
        }
    }
}
