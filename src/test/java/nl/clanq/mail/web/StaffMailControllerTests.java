package nl.clanq.mail.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Clock;
import java.util.Locale;
import nl.clanq.mail.internal.MailOutbox;
import nl.clanq.shared.demo.DemoMode;
import nl.clanq.shared.web.NotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.ui.ExtendedModelMap;

/** Outside demo mode the mail bodies (codes, links) are never shown, not even to staff. */
class StaffMailControllerTests {

    private final MailOutbox outbox = mock(MailOutbox.class);
    private final DemoMode demoOff = mock(DemoMode.class); // isOn() answers false
    private final StaffMailController controller =
            new StaffMailController(outbox, demoOff, new StaticMessageSource(), Clock.systemUTC());

    @Test
    void sentMailAndMailBodiesAnswer404OutsideDemoMode() {
        assertThatThrownBy(() -> controller.sent(0, Locale.ENGLISH, new ExtendedModelMap()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> controller.detail(1, Locale.ENGLISH, new ExtendedModelMap()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> controller.html(1)).isInstanceOf(NotFoundException.class);
        verifyNoInteractions(outbox);
    }
}
