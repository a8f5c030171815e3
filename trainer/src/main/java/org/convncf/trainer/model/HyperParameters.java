package org.convncf.trainer.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds {@code key=value} overrides onto a hyper-parameter record. Each algorithm declares its
 * hyper-parameters as a record whose canonical constructor validates them (throwing
 * {@link IllegalArgumentException} with a clear message) and whose defaults are a constant; this
 * class does the rest: unknown keys, unparsable values and invalid combinations are all reported
 * before any training starts. A component that is itself a record (e.g. a shared training recipe)
 * takes its keys from the same flat {@code key=value} map.
 */
public final class HyperParameters {

    private HyperParameters() {
    }

    /**
     * A copy of {@code defaults} with {@code overrides} applied.
     *
     * @throws IllegalArgumentException naming the key and the accepted values on any problem
     */
    public static <R extends Record> R bind(R defaults, Map<String, String> overrides) {
        TreeSet<String> valid = new TreeSet<>(toMap(defaults).keySet());
        for (String key : overrides.keySet()) {
            if (!valid.contains(key)) {
                throw new IllegalArgumentException("unknown hyper-parameter '" + key + "'; valid ones are " + valid);
            }
        }
        return bindKnown(defaults, overrides);
    }

    /** Binds a record whose keys were checked; nested record components take keys from the same map. */
    private static <R extends Record> R bindKnown(R defaults, Map<String, String> overrides) {
        @SuppressWarnings("unchecked")
        Class<R> type = (Class<R>) defaults.getClass();
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            Object current = read(c, defaults);
            if (current instanceof Record nested) {
                values[i] = bindKnown(nested, overrides);
                continue;
            }
            String override = overrides.get(c.getName());
            values[i] = override == null ? current : parse(c.getName(), c.getType(), override);
        }
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    /**
     * The record as an ordered name → value map, for manifests and logs. Nested records are
     * flattened into the same map (their keys must not clash with the outer ones).
     */
    public static Map<String, Object> toMap(Record r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = read(c, r);
            if (v instanceof Record nested) {
                toMap(nested).forEach((k, value) -> {
                    if (out.putIfAbsent(k, value) != null) {
                        throw new IllegalStateException("hyper-parameter '" + k + "' is declared twice in " + r.getClass());
                    }
                });
            } else {
                out.put(c.getName(), v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : v);
            }
        }
        return out;
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object parse(String key, Class<?> type, String raw) {
        String s = raw.trim();
        try {
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(s);
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(s);
            }
            if (type == double.class || type == Double.class) {
                double d = Double.parseDouble(s);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            }
            if (type == float.class || type == Float.class) {
                float f = Float.parseFloat(s);
                if (!Float.isFinite(f)) {
                    throw new NumberFormatException();
                }
                return f;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hyper-parameter '" + key + "' must be a finite " + type.getSimpleName()
                    + ", got '" + raw + "'");
        }
        if (type == boolean.class || type == Boolean.class) {
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(s);
            }
            throw new IllegalArgumentException("hyper-parameter '" + key + "' must be true or false, got '" + raw + "'");
        }
        if (type == String.class) {
            return s;
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(s.replace('-', '_'))) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("hyper-parameter '" + key + "' must be one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList()
                    + ", got '" + raw + "'");
        }
        throw new IllegalStateException("unsupported hyper-parameter type " + type + " for " + key);
    }
}
