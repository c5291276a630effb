package nl.clanq.notifications;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one unsubscribe link stops for one person: the digest, or the mail about some kinds of
 * notice (the kinds one mail was about). The in-app notices themselves go on.
 */
public record Unsubscription(long userId, boolean digest, Set<NoticeKind> kinds) {

    public Unsubscription {
        kinds = kinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
        if (digest == !kinds.isEmpty()) {
            throw new IllegalArgumentException("an unsubscription is either the digest or some kinds of notice");
        }
        if (kinds.contains(NoticeKind.MENTION_UNREACHABLE)) {
            throw new IllegalArgumentException("MENTION_UNREACHABLE is never mailed");
        }
    }

    public static Unsubscription ofDigest(long userId) {
        return new Unsubscription(userId, true, Set.of());
    }

    public static Unsubscription ofKinds(long userId, Collection<NoticeKind> kinds) {
        return new Unsubscription(userId, false, Set.copyOf(kinds));
    }
}
