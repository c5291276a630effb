package nl.clanq.accounts.web;

import nl.clanq.accounts.AccountNotices;
import nl.clanq.accounts.PasswordChanged;
import nl.clanq.accounts.UserView;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Publishes what happened to an account (audited) and tells the person by mail. */
@Component
class AccountEvents {

    private final ApplicationEventPublisher events;
    private final AccountNotices notices;

    AccountEvents(ApplicationEventPublisher events, AccountNotices notices) {
        this.events = events;
        this.notices = notices;
    }

    void passwordReset(UserView user) {
        events.publishEvent(new PasswordChanged(user.id(), user.auditLabel(), true));
        notices.passwordChanged(user);
    }

    void passwordChanged(UserView user) {
        events.publishEvent(new PasswordChanged(user.id(), user.auditLabel(), false));
        notices.passwordChanged(user);
    }
}
