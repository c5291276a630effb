package nl.clanq.moderation;

import java.util.Optional;
import nl.clanq.accounts.LoginPolicy;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * C10: a blocked person is refused at login and on every request, so their open sessions end at
 * their next click; the notice tells them why and until when. Asked before the organisation's own
 * policies: a block by staff outweighs a lock or a network rule in what the person is told.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BlockPolicy implements LoginPolicy {

    private final Sanctions sanctions;

    BlockPolicy(Sanctions sanctions) {
        this.sanctions = sanctions;
    }

    @Override
    public Optional<Refusal> refusal(long userId, String clientAddress) {
        return sanctions.isBlocked(userId) ? Optional.of(Refusal.BLOCKED) : Optional.empty();
    }

    @Override
    public Optional<BlockNotice> blockNotice(long userId) {
        return sanctions.blockNotice(userId);
    }
}
