package nl.clanq.notifications;

import java.time.Duration;
import java.time.Instant;
import nl.clanq.MovableClock;
import nl.clanq.mail.Mailer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * For browser tests: runs the immediate notice-mail job once, as if {@code later} had passed, so a
 * test need not wait out the batching window (the scheduled job is off in tests).
 */
@Component
public class NoticeMailRunner {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final NoticeMailing mailing;
    private final NoticePreferences preferences;
    private final Mailer mailer;
    private final NoticeMailProperties properties;

    NoticeMailRunner(
            JdbcClient jdbc,
            TransactionTemplate tx,
            NoticeMailing mailing,
            NoticePreferences preferences,
            Mailer mailer,
            NoticeMailProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.mailing = mailing;
        this.preferences = preferences;
        this.mailer = mailer;
        this.properties = properties;
    }

    /**
     * Runs as many rounds as the scheduled job would over the next minutes: a round takes {@link
     * MemberRounds#MEMBERS_PER_ROUND} members, and other tests of the suite leave notices pending
     * for more (an announcement of new terms has one for every user).
     */
    public int sendDueAfter(Duration later) {
        MovableClock clock = new MovableClock(Instant.now().plus(later).toString());
        NoticeMail job = new NoticeMail(jdbc, tx, mailing, preferences, mailer, properties, clock);
        int members = 0;
        int round;
        int rounds = 0;
        do {
            round = job.sendDue();
            members += round;
        } while (round >= MemberRounds.MEMBERS_PER_ROUND && ++rounds < 100);
        return members;
    }
}
