package nl.clanq.accounts;

import java.util.Optional;

/**
 * Implemented by modules that may refuse a person who typed the right password (an organisation
 * that is locked, S10, or that allows other networks only, S4), and that set how long a session may
 * stay idle (S5). Asked at login and on every request.
 */
public interface LoginPolicy {

    /** Why {@code userId} may not use Clanq from {@code clientAddress} now, if they may not. */
    Optional<Refusal> refusal(long userId, String clientAddress);

    /** Minutes of inactivity after which the person's sessions end. */
    int idleMinutes(long userId);

    /** S3: whether the person's organisation requires two-step verification. */
    default boolean requiresTwoFactor(long userId) {
        return false;
    }

    enum Refusal {
        LOCKED,
        NETWORK
    }
}
