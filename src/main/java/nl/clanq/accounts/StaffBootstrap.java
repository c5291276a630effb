package nl.clanq.accounts;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first staff account: on a start without any staff (and outside demo mode, which seeds its
 * own), Clanq creates an administrator for {@code clanq.bootstrap.staff-email} and logs a one-time
 * link to set its password. There are no default passwords.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class StaffBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StaffBootstrap.class);
    static final Duration LINK_VALIDITY = Duration.ofHours(24);

    private final Accounts accounts;
    private final PasswordResets resets;
    private final TransactionTemplate tx;
    private final String email;
    private final String baseUrl;

    StaffBootstrap(
            Accounts accounts,
            PasswordResets resets,
            TransactionTemplate tx,
            @Value("${clanq.bootstrap.staff-email:}") String email,
            @Value("${clanq.mail.base-url:http://localhost:8080}") String baseUrl) {
        this.accounts = accounts;
        this.resets = resets;
        this.tx = tx;
        this.email = email;
        this.baseUrl = baseUrl;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            if (accounts.anyStaff()) {
                return;
            }
            if (email.isBlank()) {
                log.warn("Clanq has no staff account. Set clanq.bootstrap.staff-email to create the first one.");
                return;
            }
            long id = accounts.findByEmail(email)
                    .map(UserView::id)
                    .orElseGet(() -> accounts.create(
                            new NewAccount(email, "Clanq", "beheer", "Beheerder", "", "nl", Tokens.newToken())));
            accounts.makeStaff(id, "ADMIN");
            accounts.confirmEmail(id);
            String token = resets.newToken(id, LINK_VALIDITY);
            log.warn(
                    "First staff account {} created. Set its password within 24 hours at {}/password/reset/{}",
                    email,
                    baseUrl,
                    token);
        });
    }
}
