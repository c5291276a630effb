package nl.clanq.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxSenderTests {

    @Test
    void backsOffLongerAfterEachFailedAttemptUpToSixHours() {
        assertThat(OutboxSender.backOff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(OutboxSender.backOff(2)).isEqualTo(Duration.ofMinutes(5));
        assertThat(OutboxSender.backOff(3)).isEqualTo(Duration.ofMinutes(30));
        assertThat(OutboxSender.backOff(4)).isEqualTo(Duration.ofHours(2));
        assertThat(OutboxSender.backOff(5)).isEqualTo(Duration.ofHours(6));
        assertThat(OutboxSender.backOff(12)).isEqualTo(Duration.ofHours(6));
    }
}
