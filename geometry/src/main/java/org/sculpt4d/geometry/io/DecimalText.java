package org.sculpt4d.geometry.io;

/**
 * Parses the decimal numbers of text mesh formats strictly: an optional sign, digits with at most one point, and an
 * optional exponent ({@code 1}, {@code +2.}, {@code -.5}, {@code 3.1e+2}, {@code 1E2}). Java's own parsers also take
 * {@code NaN}, {@code Infinity}, hexadecimal and a trailing {@code f}/{@code d}; none of those is a coordinate.
 */
final class DecimalText {
    private DecimalText() {
    }

    /** The float nearest to {@code s}, or NaN when {@code s} is not a decimal number (the caller reports it). */
    static float parseFloat(String s) {
        return isDecimal(s) ? Float.parseFloat(s) : Float.NaN;
    }

    /** Whether {@code s} is an optional sign, then digits with at most one point (at least one digit), then an exponent. */
    static boolean isDecimal(String s) {
        int i = 0, n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) return false;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int expDigits = 0;
            for (; i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) expDigits++;
            if (expDigits == 0) return false;
        }
        return i == n;
    }

    /**
     * The integer written in {@code s} (optional sign, decimal digits), or {@code Long.MIN_VALUE} when {@code s} is not
     * one or does not fit in 18 digits.
     */
    static long parseInteger(String s) {
        int i = 0, n = s.length();
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) negative = s.charAt(i++) == '-';
        if (i == n || n - i > 18) return Long.MIN_VALUE;
        long v = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return Long.MIN_VALUE;
            v = 10 * v + (c - '0');
        }
        return negative ? -v : v;
    }
}
