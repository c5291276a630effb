package nl.clanq.accounts;

import org.springframework.stereotype.Component;

/** Mails that tell a person about a change to their own account. */
@Component
public class AccountNotices {

    private final AccountMail mail;

    AccountNotices(AccountMail mail) {
        this.mail = mail;
    }

    public void passwordChanged(UserView user) {
        mail.passwordChanged(user.email(), user.locale());
    }
}
