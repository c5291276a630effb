package nl.clanq.accounts;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changing the email address: the password is required, a code goes to the new address, and only
 * its confirmation changes the address (the old address is told).
 */
@Service
@Transactional
public class EmailChange {

    private final Accounts accounts;
    private final EmailCodes codes;
    private final AccountMail mail;
    private final ApplicationEventPublisher events;

    EmailChange(Accounts accounts, EmailCodes codes, AccountMail mail, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.codes = codes;
        this.mail = mail;
        this.events = events;
    }

    public enum Start {
        CODE_SENT,
        WRONG_PASSWORD,
        INVALID_ADDRESS
    }

    /**
     * Sends a code to the new address. An address that is already taken gets no code but the same
     * answer, so the form does not reveal who has an account (G4); confirming then fails.
     */
    public Start start(long userId, String password, String newEmail) {
        String email = Accounts.normaliseEmail(newEmail);
        if (!email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
            return Start.INVALID_ADDRESS;
        }
        if (!accounts.passwordMatches(userId, password)) {
            return Start.WRONG_PASSWORD;
        }
        if (!accounts.exists(email)) {
            UserView user = accounts.get(userId);
            codes.issue(userId, EmailCodes.Purpose.EMAIL_CHANGE, email, user.locale());
        }
        return Start.CODE_SENT;
    }

    public EmailCodes.Result confirm(long userId, String code) {
        EmailCodes.Result result = codes.verify(userId, EmailCodes.Purpose.EMAIL_CHANGE, code);
        if (result.outcome() == EmailCodes.Outcome.CONFIRMED) {
            if (accounts.exists(result.email())) {
                return new EmailCodes.Result(EmailCodes.Outcome.EXPIRED, null, 0);
            }
            UserView before = accounts.get(userId);
            accounts.changeEmail(userId, result.email());
            mail.emailChanged(before.email(), before.locale(), result.email());
            events.publishEvent(new EmailChanged(userId, before.auditLabel(), before.email(), result.email()));
        }
        return result;
    }
}
