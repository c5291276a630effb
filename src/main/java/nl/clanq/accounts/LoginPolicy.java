package nl.clanq.accounts;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Implemented by modules that may refuse a person who typed the right password (an organisation
 * that is locked, S10, or that allows other networks only, S4; a person or organisation that staff
 * blocked, C10), and that set how long a session may stay idle (S5). Asked at login and on every
 * request.
 */
public interface LoginPolicy {

    /** What {@link #idleMinutes} answers by a policy that sets no idle limit; never applied. */
    int NO_IDLE_LIMIT = Integer.MAX_VALUE / 60;

    /** Why {@code userId} may not use Clanq from {@code clientAddress} now, if they may not. */
    Optional<Refusal> refusal(long userId, String clientAddress);

    /** Minutes of inactivity after which the person's sessions end; {@link #NO_IDLE_LIMIT} for no opinion. */
    default int idleMinutes(long userId) {
        return NO_IDLE_LIMIT;
    }

    /**
     * Both questions the session guard asks on every request, answered together so a policy can
     * read what it needs once (issue #10: the guard runs on every page).
     */
    default Verdict verdict(long userId, String clientAddress) {
        return new Verdict(refusal(userId, clientAddress), idleMinutes(userId));
    }

    /** The refusal, if any, and the idle limit in minutes ({@link #NO_IDLE_LIMIT} for none). */
    record Verdict(Optional<Refusal> refusal, int idleMinutes) {}

    /** S3: whether the person's organisation requires two-step verification. */
    default boolean requiresTwoFactor(long userId) {
        return false;
    }

    /**
     * C10: what the blocked person reads on the notice after a {@link Refusal#BLOCKED}: the reason
     * staff gave and until when. Shown only to that person.
     */
    default Optional<BlockNotice> blockNotice(long userId) {
        return Optional.empty();
    }

    enum Refusal {
        LOCKED,
        NETWORK,
        BLOCKED
    }

    /**
     * A block as the blocked person sees it.
     *
     * @param reason why staff blocked
     * @param until the first day (Dutch time) the person may use Clanq again; {@code null} when the
     *     block is indefinite
     * @param organisation whether the whole organisation is blocked rather than the person alone
     */
    record BlockNotice(String reason, LocalDate until, boolean organisation) {}
}
