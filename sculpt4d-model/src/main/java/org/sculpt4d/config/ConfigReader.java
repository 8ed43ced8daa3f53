package org.sculpt4d.config;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed reads from a config map with errors that name the source and the key. */
public final class ConfigReader {
    private final Map<String, ?> raw;
    private final String source;

    public ConfigReader(Map<String, ?> raw, String source) {
        this.raw = raw;
        this.source = source;
    }

    private Object get(String key) {
        Object v = raw.get(key);
        if (v == null) throw new IllegalArgumentException(source + ": config key '" + key + "' is missing");
        return v;
    }

    public int integer(String key) {
        Object v = get(key);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.intValue();
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new IllegalArgumentException(source + ": config key '" + key + "' must be an integer, got " + v);
    }

    public int integerOr(String key, int fallback) {
        return raw.containsKey(key) ? integer(key) : fallback;
    }

    public double number(String key) {
        Object v = get(key);
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new IllegalArgumentException(source + ": config key '" + key + "' must be a number, got " + v);
    }

    public double numberOr(String key, double fallback) {
        return raw.containsKey(key) ? number(key) : fallback;
    }

    /** A number or a list of numbers, as an array (a single number gives one element). */
    public double[] numbers(String key) {
        Object v = get(key);
        if (v instanceof Number n) return new double[] {n.doubleValue()};
        if (v instanceof List<?> list && list.stream().allMatch(e -> e instanceof Number)) {
            return list.stream().mapToDouble(e -> ((Number) e).doubleValue()).toArray();
        }
        throw new IllegalArgumentException(source + ": config key '" + key + "' must be a number or a list of numbers, got "
                + v);
    }

    public boolean bool(String key) {
        Object v = get(key);
        if (v instanceof Boolean b) return b;
        if ("true".equals(v) || "false".equals(v)) return Boolean.parseBoolean((String) v);
        throw new IllegalArgumentException(source + ": config key '" + key + "' must be true or false, got " + v);
    }

    public String string(String key) {
        return String.valueOf(get(key));
    }

    /** Rejects a present key whose value this port does not implement (absent is fine). */
    public void require(String key, Object supported) {
        Object v = raw.get(key);
        if (v == null) return;
        boolean same = supported instanceof Number s && v instanceof Number n ? s.doubleValue() == n.doubleValue()
                : String.valueOf(supported).equals(String.valueOf(v));
        if (!same) {
            throw new IllegalArgumentException(source + ": config " + key + " = " + v + " is not supported (only "
                    + supported + ")");
        }
    }

    /** Rejects keys that are neither known nor explicitly ignored. */
    public void rejectUnknown(Collection<String> known, Set<String> ignored) {
        Set<String> unknown = new TreeSet<>(raw.keySet());
        unknown.removeAll(known);
        unknown.removeAll(ignored);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(source + ": unknown config key(s) " + unknown);
        }
    }
}
