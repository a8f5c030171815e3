package org.convncf.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, immutable, insertion-ordered copies of free-form JSON values (the manifest's
 * {@code hyperParameters}, {@code split} and friends).
 *
 * <p>Numbers are normalized to what Jackson reads back ({@code Integer} when it fits, else
 * {@code Long}/{@code BigInteger}; {@code Double} for fractions), so a manifest equals itself after a
 * write/read round trip.
 */
final class JsonValues {

    private JsonValues() {}

    /** A frozen copy of a JSON object; {@code null} becomes the empty object. */
    static Map<String, Object> freezeObject(Map<?, ?> map, String path) {
        if (map == null) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException(path + ": key " + e.getKey() + " is not a string");
            }
            copy.put(key, freeze(e.getValue(), path + "." + key));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object freeze(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Long || value instanceof BigInteger) {
            BigInteger big = value instanceof Long l ? BigInteger.valueOf(l) : (BigInteger) value;
            if (big.bitLength() < Integer.SIZE) {
                return big.intValue();
            }
            return big.bitLength() < Long.SIZE ? (Object) big.longValue() : big;
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            // Float goes through its shortest decimal form, which is what JSON shows and Jackson reads.
            double d = value instanceof Float f ? Double.parseDouble(f.toString()) : ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(path + ": " + value + " is not representable in JSON");
            }
            return d;
        }
        if (value instanceof Map<?, ?> map) {
            return freezeObject(map, path);
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            int i = 0;
            for (Object element : list) {
                copy.add(freeze(element, path + "[" + i++ + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(path + ": " + value.getClass().getName()
                + " is not a JSON value (use String, Number, Boolean, null, Map or List)");
    }
}
