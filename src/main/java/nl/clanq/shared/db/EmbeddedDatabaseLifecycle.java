package nl.clanq.shared.db;

import java.nio.file.Path;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Ties the embedded server to the application context: when the context closes, this context's
 * share of the server is released. Every {@link javax.sql.DataSource} bean is made to depend on this
 * bean, so connection pools close before the server may stop.
 */
@Component(EmbeddedDatabaseLifecycle.BEAN_NAME)
@ConditionalOnProperty(name = EmbeddedDatabaseEnvironment.ACTIVE, havingValue = "true")
class EmbeddedDatabaseLifecycle implements DisposableBean {

    static final String BEAN_NAME = "embeddedDatabaseLifecycle";

    private final Path directory;

    EmbeddedDatabaseLifecycle(Environment env) {
        this.directory = Path.of(env.getRequiredProperty(EmbeddedDatabaseEnvironment.RESOLVED_DIR));
    }

    @Bean
    static BeanFactoryPostProcessor dataSourcesDependOnEmbeddedDatabase() {
        return beanFactory -> {
            for (String name : beanFactory.getBeanNamesForType(DataSource.class, true, false)) {
                BeanDefinition definition = beanFactory.getBeanDefinition(name);
                String[] dependsOn = definition.getDependsOn();
                definition.setDependsOn(
                        dependsOn == null
                                ? new String[] {BEAN_NAME}
                                : Stream.concat(Stream.of(dependsOn), Stream.of(BEAN_NAME))
                                        .toArray(String[]::new));
            }
        };
    }

    @Override
    public void destroy() {
        EmbeddedDatabase.running(directory).ifPresent(EmbeddedDatabase::release);
    }
}
