package nl.clanq.notifications;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the notice jobs (immediate mail, digest) work through members: a round looks at most {@link
 * #MEMBERS_PER_ROUND} members, each in a transaction of their own so that one member's failure
 * stops nobody else; rounds repeat while they come back full, at most {@link #MAX_ROUNDS} a look.
 */
final class MemberRounds {

    static final int MEMBERS_PER_ROUND = 100;
    static final int MAX_ROUNDS = 10;

    private MemberRounds() {}

    /** Runs {@code round} (answering how many members it looked at) until one is not full. */
    static void repeat(IntSupplier round, Logger log, String failure) {
        try {
            int rounds = 1;
            while (round.getAsInt() == MEMBERS_PER_ROUND && rounds < MAX_ROUNDS) {
                rounds++;
            }
        } catch (DataAccessException e) {
            log.warn("{}; trying again later: {}", failure, e.getMessage());
        }
    }

    /** Handles each member in a transaction of their own; answers how many members were looked at. */
    static int each(TransactionTemplate tx, List<Long> members, LongConsumer work, Logger log, String failure) {
        for (long userId : members) {
            try {
                tx.executeWithoutResult(status -> work.accept(userId));
            } catch (RuntimeException e) {
                log.warn("{} (member {}); trying again later: {}", failure, userId, e.toString());
            }
        }
        return members.size();
    }
}
