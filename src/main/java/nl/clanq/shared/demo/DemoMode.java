package nl.clanq.shared.demo;

import nl.clanq.shared.db.EmbeddedDatabaseEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Whether this run is a demo: on with the embedded database unless switched off explicitly. */
@Component
public class DemoMode {

    private final boolean on;

    DemoMode(DemoProperties properties, Environment env) {
        boolean embedded = env.getProperty(EmbeddedDatabaseEnvironment.ACTIVE, Boolean.class, false);
        this.on = properties.enabled() != null ? properties.enabled() : embedded;
    }

    public boolean isOn() {
        return on;
    }
}
