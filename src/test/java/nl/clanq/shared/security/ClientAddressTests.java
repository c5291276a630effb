package nl.clanq.shared.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTests {

    private final ClientAddress address =
            new ClientAddress(new ClanqSecurityProperties(false, List.of("10.0.0.0/8", "fd00::/8")));

    @Test
    void ignoresTheForwardedHeaderFromAnUntrustedPeer_S4() {
        assertThat(address.resolve("203.0.113.9", "192.0.2.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void believesATrustedProxy_S4() {
        assertThat(address.resolve("10.1.2.3", "192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(address.resolve("fd00::1", "2001:db8::7")).isEqualTo("2001:db8::7");
    }

    @Test
    void takesTheRightMostUntrustedHopSoAClientCannotPrependAFakeAddress_S4() {
        assertThat(address.resolve("10.1.2.3", "192.0.2.99, 198.51.100.4, 10.0.0.5"))
                .isEqualTo("198.51.100.4");
    }

    @Test
    void fallsBackToThePeerOnGarbage_S4() {
        assertThat(address.resolve("10.1.2.3", "<script>")).isEqualTo("10.1.2.3");
    }
}
