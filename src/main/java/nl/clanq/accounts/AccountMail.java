package nl.clanq.accounts;

import java.time.Duration;
import java.util.Locale;
import nl.clanq.mail.MailMessage;
import nl.clanq.mail.Mailer;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The mails of the accounts module, written in the recipient's language. */
@Component
class AccountMail {

    private final Mailer mailer;
    private final MessageSource messages;

    AccountMail(Mailer mailer, MessageSource messages) {
        this.mailer = mailer;
        this.messages = messages;
    }

    void code(String to, String locale, String code, EmailCodes.Purpose purpose) {
        Locale l = Locale.of(locale);
        String key = purpose == EmailCodes.Purpose.REGISTRATION ? "mail.code.registration" : "mail.code.emailChange";
        mailer.send(MailMessage.to(to, l)
                .kind("account.code")
                .subject(t(key + ".subject", l))
                .paragraph(t(key + ".text", l))
                .code(code)
                .paragraph(t("mail.code.validity", l))
                .build());
    }

    void resetLink(String to, String locale, String path) {
        Locale l = Locale.of(locale);
        mailer.send(MailMessage.to(to, l)
                .kind("account.reset")
                .subject(t("mail.reset.subject", l))
                .paragraph(t("mail.reset.text", l))
                .action(t("mail.reset.action", l), mailer.link(path))
                .paragraph(t("mail.reset.ignore", l))
                .build());
    }

    void setPasswordLink(String to, String locale, String path) {
        Locale l = Locale.of(locale);
        mailer.send(MailMessage.to(to, l)
                .kind("account.set-password")
                .subject(t("mail.setPassword.subject", l))
                .paragraph(t("mail.setPassword.text", l))
                .action(t("mail.setPassword.action", l), mailer.link(path))
                .build());
    }

    /** C10: a new staff member's link to set their password, in their language. */
    void staffInvitation(String to, String locale, String inviter, StaffRole role, Duration validity, String path) {
        Locale l = Locale.of(locale);
        mailer.send(MailMessage.to(to, l)
                .kind("staff.invitation")
                .subject(t("team.mail.subject", l))
                .paragraph(messages.getMessage(
                        "team.mail.text", new Object[] {inviter, t("team.mail.role." + role.name(), l)}, l))
                .paragraph(messages.getMessage("team.mail.validity", new Object[] {validity.toHours()}, l))
                .paragraph(t("team.mail.unexpected", l))
                .action(t("team.mail.action", l), mailer.link(path))
                .build());
    }

    void emailChanged(String oldAddress, String locale, String newAddress) {
        Locale l = Locale.of(locale);
        mailer.send(MailMessage.to(oldAddress, l)
                .kind("account.email-changed")
                .subject(t("mail.emailChanged.subject", l))
                .paragraph(messages.getMessage("mail.emailChanged.text", new Object[] {newAddress}, l))
                .build());
    }

    void passwordChanged(String to, String locale) {
        Locale l = Locale.of(locale);
        mailer.send(MailMessage.to(to, l)
                .kind("account.password-changed")
                .subject(t("mail.passwordChanged.subject", l))
                .paragraph(t("mail.passwordChanged.text", l))
                .build());
    }

    private String t(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
