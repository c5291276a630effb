package nl.clanq.shared.db;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * Row mappers for records, to use as {@code jdbc.sql(…).query(Rows.of(PostView.class))}.
 *
 * <p>Spring's {@code JdbcClient.query(Class)} maps records with {@code SimplePropertyRowMapper},
 * which asks the driver for each camel-case component name first and lets it throw before trying
 * the snake-case column, and reads {@code Instant}s through a conversion the driver refuses with
 * another exception. Under load those exceptions were half of everything the server allocated
 * (issue #10). This mapper matches each component to its column once per result set (case and
 * underscores ignored: {@code authorName} is {@code author_name}) and reads common types directly.
 */
public final class Rows {

    private static final Map<Class<?>, RowMapper<?>> MAPPERS = new ConcurrentHashMap<>();

    private Rows() {}

    /** The mapper for a record type; shared and thread-safe. */
    @SuppressWarnings("unchecked")
    public static <T extends Record> RowMapper<T> of(Class<T> type) {
        return (RowMapper<T>) MAPPERS.computeIfAbsent(type, t -> new RecordRowMapper<>((Class<T>) t));
    }

    private static String key(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static final class RecordRowMapper<T extends Record> implements RowMapper<T> {

        private final Class<T> type;
        private final Constructor<T> constructor;
        private final String[] keys;
        private final Class<?>[] types;
        private final TypeDescriptor[] descriptors;
        private final ConversionService conversions = DefaultConversionService.getSharedInstance();

        /** The column of each component for the last result set seen (one query's metadata). */
        private volatile Columns last;

        private record Columns(ResultSetMetaData meta, int[] indexes) {}

        RecordRowMapper(Class<T> type) {
            this.type = type;
            RecordComponent[] components = type.getRecordComponents();
            this.types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            this.keys = Arrays.stream(components).map(c -> key(c.getName())).toArray(String[]::new);
            try {
                this.constructor = type.getDeclaredConstructor(types);
                this.constructor.setAccessible(true);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(type + " has no canonical constructor", e);
            }
            this.descriptors = new TypeDescriptor[types.length];
            for (int i = 0; i < types.length; i++) {
                descriptors[i] = new TypeDescriptor(new MethodParameter(constructor, i));
            }
        }

        @Override
        public T mapRow(ResultSet rs, int rowNum) throws SQLException {
            int[] indexes = indexes(rs.getMetaData());
            Object[] args = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                args[i] = value(rs, indexes[i], i);
            }
            try {
                return constructor.newInstance(args);
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot make a " + type.getSimpleName() + " of a row", e);
            }
        }

        private int[] indexes(ResultSetMetaData meta) throws SQLException {
            Columns columns = last;
            if (columns != null && columns.meta() == meta) {
                return columns.indexes();
            }
            Map<String, Integer> byKey = new HashMap<>();
            for (int c = meta.getColumnCount(); c >= 1; c--) {
                byKey.put(key(meta.getColumnLabel(c)), c);
            }
            int[] indexes = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                Integer index = byKey.get(keys[i]);
                if (index == null) {
                    throw new SQLException("No column for " + type.getSimpleName() + "." + keys[i] + " in the result");
                }
                indexes[i] = index;
            }
            last = new Columns(meta, indexes);
            return indexes;
        }

        private Object value(ResultSet rs, int index, int component) throws SQLException {
            Class<?> t = types[component];
            if (t == String.class) {
                return rs.getString(index);
            }
            if (t == long.class) {
                return rs.getLong(index);
            }
            if (t == int.class) {
                return rs.getInt(index);
            }
            if (t == boolean.class) {
                return rs.getBoolean(index);
            }
            if (t == double.class) {
                return rs.getDouble(index);
            }
            if (t == Long.class) {
                long v = rs.getLong(index);
                return rs.wasNull() ? null : v;
            }
            if (t == Integer.class) {
                int v = rs.getInt(index);
                return rs.wasNull() ? null : v;
            }
            if (t == Boolean.class) {
                boolean v = rs.getBoolean(index);
                return rs.wasNull() ? null : v;
            }
            if (t == Instant.class) {
                Timestamp v = rs.getTimestamp(index);
                return v == null ? null : v.toInstant();
            }
            if (t == LocalDate.class || t == OffsetDateTime.class || t == UUID.class) {
                return rs.getObject(index, t);
            }
            if (t == BigDecimal.class) {
                return rs.getBigDecimal(index);
            }
            if (t.isEnum()) {
                String v = rs.getString(index);
                return v == null ? null : conversions.convert(v, t);
            }
            Object v = JdbcUtils.getResultSetValue(rs, index);
            if (v instanceof Array array) {
                v = array.getArray();
            }
            return conversions.convert(v, TypeDescriptor.forObject(v), descriptors[component]);
        }
    }
}
