package nl.clanq;

import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Counts the SQL statements the current thread sends, so tests can prove that a page costs a fixed
 * number of queries however much it shows. Wraps the application's DataSource in tests only.
 */
@Component
public class QueryCounter implements BeanPostProcessor {

    private static final ThreadLocal<AtomicInteger> COUNT = new ThreadLocal<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
            return ProxyDataSourceBuilder.create(dataSource)
                    .name("counting")
                    .afterQuery((execution, queries) -> {
                        AtomicInteger count = COUNT.get();
                        if (count != null) {
                            count.addAndGet(queries.size());
                        }
                    })
                    .build();
        }
        return bean;
    }

    /** Starts counting this thread's statements. */
    public static void start() {
        COUNT.set(new AtomicInteger());
    }

    /** Stops counting and answers how many statements ran since {@link #start()}. */
    public static int stop() {
        AtomicInteger count = COUNT.get();
        COUNT.remove();
        return count == null ? 0 : count.get();
    }
}
