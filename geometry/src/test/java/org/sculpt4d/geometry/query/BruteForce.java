package org.sculpt4d.geometry.query;

import org.sculpt4d.geometry.TriangleMesh;

/**
 * Oracles for the BVH written differently from it: closest point by projection onto the triangle's plane (kept when
 * its barycentric coordinates are all ≥ 0) or else the nearest of the three edge segments; ray hits by ray–plane
 * intersection and a barycentric inside test. Every triangle is visited.
 */
final class BruteForce {
    private BruteForce() {
    }

    static double[] corner(TriangleMesh m, int face, int c) {
        float[] p = m.positions();
        int v = m.faces()[3 * face + c];
        return new double[] {p[3 * v], p[3 * v + 1], p[3 * v + 2]};
    }

    /** Distance from q to triangle f. */
    static double distanceToFace(TriangleMesh m, int f, double[] q) {
        double[] a = corner(m, f, 0), b = corner(m, f, 1), c = corner(m, f, 2);
        double[] ab = sub(b, a), ac = sub(c, a), aq = sub(q, a);
        double d00 = dot(ab, ab), d01 = dot(ab, ac), d11 = dot(ac, ac), d20 = dot(aq, ab), d21 = dot(aq, ac);
        double den = d00 * d11 - d01 * d01;
        double best = Double.POSITIVE_INFINITY;
        if (den > 1e-12 * d00 * d11) {
            double v = (d11 * d20 - d01 * d21) / den, w = (d00 * d21 - d01 * d20) / den;
            if (v >= 0 && w >= 0 && v + w <= 1) {
                double[] proj = {a[0] + v * ab[0] + w * ac[0], a[1] + v * ab[1] + w * ac[1],
                    a[2] + v * ab[2] + w * ac[2]};
                best = norm(sub(q, proj));
            }
        }
        best = Math.min(best, segment(a, b, q));
        best = Math.min(best, segment(b, c, q));
        return Math.min(best, segment(c, a, q));
    }

    static double closestDistance(TriangleMesh m, double[] q) {
        double best = Double.POSITIVE_INFINITY;
        for (int f = 0; f < m.faceCount(); f++) {
            best = Math.min(best, distanceToFace(m, f, q));
        }
        return best;
    }

    /** Smallest t ≥ 0 where o + t·d meets a triangle, or +∞. */
    static double firstHit(TriangleMesh m, double[] o, double[] d) {
        double best = Double.POSITIVE_INFINITY;
        for (int f = 0; f < m.faceCount(); f++) {
            best = Math.min(best, hitFace(m, f, o, d));
        }
        return best;
    }

    static double hitFace(TriangleMesh m, int f, double[] o, double[] d) {
        double[] a = corner(m, f, 0), b = corner(m, f, 1), c = corner(m, f, 2);
        double[] n = cross(sub(b, a), sub(c, a));
        double den = dot(n, d);
        if (Math.abs(den) < 1e-12 * norm(n) * norm(d)) {
            return Double.POSITIVE_INFINITY;
        }
        double t = dot(n, sub(a, o)) / den;
        if (t < 0) {
            return Double.POSITIVE_INFINITY;
        }
        double[] p = {o[0] + t * d[0], o[1] + t * d[1], o[2] + t * d[2]};
        double nn = dot(n, n);
        double wa = dot(n, cross(sub(b, p), sub(c, p))) / nn;
        double wb = dot(n, cross(sub(c, p), sub(a, p))) / nn;
        double wc = dot(n, cross(sub(a, p), sub(b, p))) / nn;
        return wa >= 0 && wb >= 0 && wc >= 0 ? t : Double.POSITIVE_INFINITY;
    }

    private static double segment(double[] a, double[] b, double[] q) {
        double[] ab = sub(b, a);
        double len2 = dot(ab, ab);
        double u = len2 > 0 ? Math.max(0, Math.min(1, dot(sub(q, a), ab) / len2)) : 0;
        return norm(sub(q, new double[] {a[0] + u * ab[0], a[1] + u * ab[1], a[2] + u * ab[2]}));
    }

    static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
