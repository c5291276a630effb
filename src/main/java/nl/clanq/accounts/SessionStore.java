package nl.clanq.accounts;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Sessions live in the database (Spring Session JDBC), so every node knows them. Spring Session
 * writes a session's last access on every request, and each such write waits for the disk at
 * commit: the most frequent write of the whole application, for a value the idle limit (S5) needs
 * only to the minute. Clanq writes the session row when anything but the last access changed (a
 * new id at sign-in, the idle limit, the person), or when the stored last access is a minute old.
 * An idle session may therefore end up to a minute before its limit, never after it.
 *
 * <p>Two layers keep to that: {@link MinuteAccessSessions} does not even mark a session changed
 * for a newer last access within the minute, so a request that changed nothing sends no statement
 * and opens no transaction to save its session; and the update itself skips a row whose stored
 * last access is less than a minute old, for a session that was saved for another reason.
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

    /** How stale the stored last access may be before a request writes it again, in milliseconds. */
    static final long LAST_ACCESS_GRANULARITY_MILLIS = 60_000;

    /** Spring Session's update, with its six parameters in the same order, skipped when nothing it writes matters. */
    static final String UPDATE_SESSION =
            """
            UPDATE %TABLE_NAME% s
            SET SESSION_ID = n.session_id, LAST_ACCESS_TIME = n.last_access_time,
                MAX_INACTIVE_INTERVAL = n.max_inactive_interval, EXPIRY_TIME = n.expiry_time,
                PRINCIPAL_NAME = n.principal_name
            FROM (SELECT ?::varchar AS session_id, ?::bigint AS last_access_time, ?::int AS max_inactive_interval,
                         ?::bigint AS expiry_time, ?::varchar AS principal_name, ?::char(36) AS primary_id) n
            WHERE s.PRIMARY_ID = n.primary_id
              AND (s.SESSION_ID <> n.session_id
                   OR s.MAX_INACTIVE_INTERVAL <> n.max_inactive_interval
                   OR s.PRINCIPAL_NAME IS DISTINCT FROM n.principal_name
                   OR n.last_access_time - s.LAST_ACCESS_TIME >= """
                    + LAST_ACCESS_GRANULARITY_MILLIS + ")";

    /**
     * Spring Boot's JDBC session repository, as configured (table, timeout, the customizers below),
     * wrapped for the session filter and {@link SessionControl}. Spring still closes the repository
     * itself at shutdown: it registers the bean's own instance for that, not the wrapper.
     */
    @Bean
    static BeanPostProcessor minuteAccessSessions() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JdbcIndexedSessionRepository sessions
                        ? new MinuteAccessSessions(sessions)
                        : bean;
            }
        };
    }

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> lastAccessWrittenOncePerMinute() {
        return repository -> repository.setUpdateSessionQuery(UPDATE_SESSION);
    }

    /**
     * Two requests of one session that both set an attribute the session did not have yet (the
     * session's start, on the first pages after sign-in in several tabs) would both insert it, and
     * the second would fail on the primary key with an error page. PostgreSQL's upsert lets the
     * last one win, as it does for an attribute that already existed.
     */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> attributesUpserted() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }
}
