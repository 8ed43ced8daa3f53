package org.sculpt4d.geometry.mc;

/**
 * The asymptotic decider of Nielson &amp; Hamann (1991) for an ambiguous face: two diagonally opposite corners are
 * inside (value &gt; 0) and the other two are not. The bilinear interpolant over the face has one saddle, at value
 * {@code (a·c − b·d) / (a + c − b − d)} for inside diagonal (a, c) and outside diagonal (b, d); the denominator is
 * positive, so the inside corners are joined across the face exactly when {@code a·c − b·d > 0}.
 *
 * <p>Both cells that share a face evaluate the same products of the same doubles (multiplication commutes exactly
 * in IEEE arithmetic), so they always take the same decision and the surface has no cracks. A tie (saddle exactly at
 * the level) and NaN corners (NaN counts as outside) both give "not joined". This is the face test of Chernyaev's
 * MC33 (1995) and of Lewiner et al. (2003).
 */
final class AsymptoticDecider {
    private AsymptoticDecider() {
    }

    /**
     * Decides an ambiguous face given its corner values (level already subtracted) in cyclic order.
     *
     * @return true when the two inside corners are connected across the face
     */
    static boolean insideJoined(double v0, double v1, double v2, double v3) {
        return v0 > 0 ? v0 * v2 - v1 * v3 > 0 : v1 * v3 - v0 * v2 > 0;
    }

    /** True when the face (values in cyclic order) has the ambiguous pattern: diagonals of opposite classes. */
    static boolean isAmbiguous(boolean in0, boolean in1, boolean in2, boolean in3) {
        return in0 == in2 && in1 == in3 && in0 != in1;
    }
}
