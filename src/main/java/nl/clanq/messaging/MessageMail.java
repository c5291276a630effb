package nl.clanq.messaging;

import java.util.List;
import java.util.Locale;
import nl.clanq.mail.MailMessage;
import nl.clanq.mail.Mailer;
import nl.clanq.shared.db.Rows;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * C9: a participant who has not read a new message within 10 minutes gets a mail — at most one per
 * conversation per hour, with the subject and a link but never the text (privacy). Members switch
 * it off on their profile; muted conversations never mail. Claimed with {@code skip locked}, so any
 * number of nodes can run it.
 */
@Component
class MessageMail {

    private final JdbcClient jdbc;
    private final Mailer mailer;
    private final MessageSource messages;

    MessageMail(JdbcClient jdbc, Mailer mailer, MessageSource messages) {
        this.jdbc = jdbc;
        this.mailer = mailer;
        this.messages = messages;
    }

    record Due(long conversationId, long userId, String email, String locale, String subject) {}

    @Scheduled(
            fixedDelayString = "${clanq.messaging.mail-poll:60s}",
            initialDelayString = "${clanq.messaging.mail-poll:60s}")
    @Transactional
    public void sendDue() {
        List<Due> due = jdbc.sql(
                        """
                        select p.conversation_id, p.user_id, u.email, u.locale, c.subject
                        from conversation_participant p
                        join app_user u on u.id = p.user_id and u.status = 'ACTIVE' and u.message_mail
                        join conversation c on c.id = p.conversation_id
                        where p.left_at is null and not p.muted
                          and (p.emailed_at is null or p.emailed_at < now() - interval '1 hour')
                          and exists (select 1 from message m where m.conversation_id = p.conversation_id
                                      and m.id > p.last_read_id and m.author_id <> p.user_id
                                      and m.created_at < now() - interval '10 minutes')
                        limit 100
                        for update of p skip locked""")
                .query(Rows.of(Due.class))
                .list();
        for (Due d : due) {
            Locale l = Locale.of(d.locale());
            mailer.send(MailMessage.to(d.email(), l)
                    .kind("messaging.unread")
                    .subject(messages.getMessage("mail.unread.subject", new Object[] {d.subject()}, l))
                    .paragraph(messages.getMessage("mail.unread.text", null, l))
                    .action(
                            messages.getMessage("mail.unread.action", null, l),
                            mailer.link("/messages/" + d.conversationId()))
                    .paragraph(messages.getMessage("mail.unread.optOut", null, l))
                    .build());
            jdbc.sql("update conversation_participant set emailed_at = now() where conversation_id = ? and user_id = ?")
                    .params(d.conversationId(), d.userId())
                    .update();
        }
    }
}
