package nl.clanq.organisations;

import java.util.Locale;
import nl.clanq.accounts.UserView;
import nl.clanq.mail.MailMessage;
import nl.clanq.mail.Mailer;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The mails of the organisations module, each in the recipient's language. */
@Component
class OrganisationMail {

    private final Mailer mailer;
    private final MessageSource messages;

    OrganisationMail(Mailer mailer, MessageSource messages) {
        this.mailer = mailer;
        this.messages = messages;
    }

    /** G4: a registration with an address that already has an account tells its owner instead. */
    void alreadyRegistered(String to, Locale l) {
        send(MailMessage.to(to, l)
                .kind("organisation.already-registered")
                .subject(t("mail.alreadyRegistered.subject", l))
                .paragraph(t("mail.alreadyRegistered.text", l))
                .action(t("mail.alreadyRegistered.action", l), mailer.link("/password/forgot")));
    }

    void approved(UserView owner, String vendor) {
        Locale l = owner.preferredLocale();
        send(MailMessage.to(owner.email(), l)
                .kind("organisation.approved")
                .subject(t("mail.approved.subject", l, vendor))
                .paragraph(t("mail.approved.text", l, vendor))
                .action(t("mail.approved.action", l), mailer.link("/login")));
    }

    void rejected(UserView owner, String vendor, String reason) {
        Locale l = owner.preferredLocale();
        send(MailMessage.to(owner.email(), l)
                .kind("organisation.rejected")
                .subject(t("mail.rejected.subject", l, vendor))
                .paragraph(t("mail.rejected.text", l, vendor))
                .paragraph(reason)
                .paragraph(t("mail.rejected.contact", l)));
    }

    void invitation(String to, Locale l, String organisation, String inviter, String path, boolean asOwner) {
        send(MailMessage.to(to, l)
                .kind("organisation.invitation")
                .subject(t("mail.invitation.subject", l, organisation))
                .paragraph(t(asOwner ? "mail.invitation.ownerText" : "mail.invitation.text", l, inviter, organisation))
                .action(t("mail.invitation.action", l), mailer.link(path))
                .paragraph(t("mail.invitation.validity", l)));
    }

    void ownershipTransferred(UserView to, String organisation, String newOwner, boolean isNewOwner) {
        Locale l = to.preferredLocale();
        send(MailMessage.to(to.email(), l)
                .kind("organisation.ownership")
                .subject(t("mail.ownership.subject", l, organisation))
                .paragraph(t(
                        isNewOwner ? "mail.ownership.newOwner" : "mail.ownership.oldOwner",
                        l,
                        organisation,
                        newOwner)));
    }

    void successionRecorded(UserView to, String organisation) {
        Locale l = to.preferredLocale();
        send(MailMessage.to(to.email(), l)
                .kind("organisation.succession")
                .subject(t("mail.succession.subject", l, organisation))
                .paragraph(t("mail.succession.text", l, organisation)));
    }

    void licenceDecision(UserView owner, String vendor, boolean approved, String note) {
        Locale l = owner.preferredLocale();
        MailMessage.Builder m = MailMessage.to(owner.email(), l)
                .kind("organisation.licences")
                .subject(t("mail.licences.subject", l, vendor))
                .paragraph(t(approved ? "mail.licences.approved" : "mail.licences.rejected", l, vendor));
        if (note != null && !note.isBlank()) {
            m.paragraph(note);
        }
        send(m);
    }

    void removed(UserView member, String organisation) {
        Locale l = member.preferredLocale();
        send(MailMessage.to(member.email(), l)
                .kind("organisation.removed")
                .subject(t("mail.removed.subject", l, organisation))
                .paragraph(t("mail.removed.text", l, organisation)));
    }

    /** S10: staff learn at once that an owner locked their organisation. */
    void lockAlert(UserView staff, String organisation, String owner) {
        Locale l = staff.preferredLocale();
        send(MailMessage.to(staff.email(), l)
                .kind("organisation.lock-alert")
                .subject(t("mail.lockAlert.subject", l, organisation))
                .paragraph(t("mail.lockAlert.text", l, organisation, owner))
                .action(t("mail.lockAlert.action", l), mailer.link("/staff/locks")));
    }

    void unlocked(UserView owner, String organisation) {
        Locale l = owner.preferredLocale();
        send(MailMessage.to(owner.email(), l)
                .kind("organisation.unlocked")
                .subject(t("mail.unlocked.subject", l, organisation))
                .paragraph(t("mail.unlocked.text", l, organisation)));
    }

    /** C14: a module the organisation holds a licence for was retired into a successor. */
    void moduleRetired(UserView owner, String from, String to) {
        Locale l = owner.preferredLocale();
        send(MailMessage.to(owner.email(), l)
                .kind("organisation.module-retired")
                .subject(t("mail.moduleRetired.subject", l, from))
                .paragraph(t("mail.moduleRetired.text", l, from, to)));
    }

    private void send(MailMessage.Builder builder) {
        mailer.send(builder.build());
    }

    private String t(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
