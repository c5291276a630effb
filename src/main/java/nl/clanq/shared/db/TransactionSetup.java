package nl.clanq.shared.db;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Role;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.util.StringUtils;

/**
 * Clanq has one transaction manager. Spring's transaction interceptor nevertheless looks for a
 * {@code @Qualifier} annotation on the target class on every call of a {@code @Transactional}
 * method before it takes the default manager (Spring Framework 7.0), which cost 3.5 % of a topic
 * page's CPU: a page makes several such calls (issue #10). This interceptor answers with the one
 * manager unless the annotation names another, and is taken by Spring's transaction advisor as
 * the primary one. A {@code @Qualifier} on a class therefore does not choose a manager here.
 */
@Configuration(proxyBeanMethods = false)
class TransactionSetup {

    @Bean
    @Primary
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static TransactionInterceptor singleManagerTransactionInterceptor(
            TransactionAttributeSource transactionAttributeSource,
            ObjectProvider<PlatformTransactionManager> transactionManager) {
        SingleManagerInterceptor interceptor = new SingleManagerInterceptor(transactionManager);
        interceptor.setTransactionAttributeSource(transactionAttributeSource);
        return interceptor;
    }

    static final class SingleManagerInterceptor extends TransactionInterceptor {

        private final transient ObjectProvider<PlatformTransactionManager> transactionManager;
        private transient volatile TransactionManager resolved;

        SingleManagerInterceptor(ObjectProvider<PlatformTransactionManager> transactionManager) {
            this.transactionManager = transactionManager;
        }

        /** The one manager, unless the annotation names one: then Spring's own lookup. */
        @Override
        protected TransactionManager determineTransactionManager(TransactionAttribute attribute, Class<?> target) {
            if (attribute == null || StringUtils.hasText(attribute.getQualifier())) {
                return super.determineTransactionManager(attribute, target);
            }
            TransactionManager manager = resolved;
            if (manager == null) {
                manager = transactionManager.getObject();
                resolved = manager;
            }
            return manager;
        }
    }
}
