package nl.clanq;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every test application context at the JVM's GreenMail ({@link TestMail}), without a
 * context customisation of its own: the contexts stay shareable. Registered in the test
 * {@code META-INF/spring.factories}.
 */
public class TestMailEnvironment implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        int port = TestMail.start();
        env.getPropertySources()
                .addFirst(new MapPropertySource(
                        "clanq-test-mail", Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", port)));
    }

    @Override
    public int getOrder() {
        // After the configuration files are read, so that these values win.
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
