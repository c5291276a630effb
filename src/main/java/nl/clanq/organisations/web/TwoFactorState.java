package nl.clanq.organisations.web;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who has two-step verification on: read by the security pages and the gate (S2, S3). */
@Component
class TwoFactorState {

    private final JdbcClient jdbc;

    TwoFactorState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isOn(long userId) {
        return isOn(java.util.List.of(userId)).getOrDefault(userId, false);
    }

    Map<Long, Boolean> isOn(Collection<Long> userIds) {
        return userIds.stream().collect(Collectors.toMap(Function.identity(), id -> false, (a, b) -> a));
    }
}
