package org.sculpt4d.geometry.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.sculpt4d.geometry.TestMeshes;
import org.sculpt4d.geometry.TriangleMesh;

/** {@link Bvh} closest-point and ray queries against the brute-force oracles of {@link BruteForce}. */
class BvhProperties {
    private static final double TOL = 1e-9;

    @Property(tries = 200)
    void closestPointMatchesBruteForce(@ForAll("meshes") TriangleMesh mesh, @ForAll long seed) {
        Bvh bvh = new Bvh(mesh);
        BvhQuery q = bvh.query();
        Random r = new Random(seed);
        for (int i = 0; i < 20; i++) {
            double[] p = {r.nextDouble() * 30 - 15, r.nextDouble() * 30 - 15, r.nextDouble() * 30 - 15};
            assertTrue(q.closest(p[0], p[1], p[2]));
            double expected = BruteForce.closestDistance(mesh, p);
            assertEquals(expected, q.distance(), TOL * (1 + expected));
            // the point lies on the reported face, at the reported distance
            double[] a = BruteForce.corner(mesh, q.face(), 0), b = BruteForce.corner(mesh, q.face(), 1);
            double[] c = BruteForce.corner(mesh, q.face(), 2);
            assertTrue(q.w0() >= 0 && q.w1() >= 0 && q.w2() >= 0);
            assertEquals(1, q.w0() + q.w1() + q.w2(), 1e-12);
            double[] onFace = {q.w0() * a[0] + q.w1() * b[0] + q.w2() * c[0],
                q.w0() * a[1] + q.w1() * b[1] + q.w2() * c[1], q.w0() * a[2] + q.w1() * b[2] + q.w2() * c[2]};
            assertEquals(0, BruteForce.norm(BruteForce.sub(onFace, new double[] {q.x(), q.y(), q.z()})), 1e-9);
            assertEquals(q.distance(), BruteForce.norm(BruteForce.sub(p, onFace)), TOL * (1 + expected));
            assertEquals(expected, BruteForce.distanceToFace(mesh, q.face(), p), TOL * (1 + expected));
        }
    }

    /**
     * Trees several levels deep (the random meshes give one or two): tori of up to 3200 triangles, with points near the
     * surface, where the traversal prunes most, and anywhere around it; also with rays along the same lines.
     */
    @Property(tries = 25)
    void queriesOnToriMatchBruteForce(@ForAll @IntRange(min = 3, max = 40) int n,
            @ForAll @IntRange(min = 3, max = 40) int m, @ForAll long seed) {
        TriangleMesh torus = TestMeshes.torus(n, m);
        BvhQuery q = new Bvh(torus).query();
        Random r = new Random(seed);
        float[] v = torus.positions();
        for (int i = 0; i < 20; i++) {
            int c = r.nextInt(torus.vertexCount());
            double sigma = i % 2 == 0 ? 0.05 : 1;
            double[] p = {v[3 * c] + sigma * r.nextGaussian(), v[3 * c + 1] + sigma * r.nextGaussian(),
                v[3 * c + 2] + sigma * r.nextGaussian()};
            double expected = BruteForce.closestDistance(torus, p);
            assertTrue(q.closest(p[0], p[1], p[2]));
            assertEquals(expected, q.distance(), TOL * (1 + expected));
            assertEquals(expected, BruteForce.distanceToFace(torus, q.face(), p), TOL * (1 + expected));
            double[] d = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            double hit = BruteForce.firstHit(torus, p, d);
            boolean found = q.raycast(p[0], p[1], p[2], d[0], d[1], d[2], Double.POSITIVE_INFINITY);
            if (Double.isInfinite(hit)) { // a grazing hit on an edge may be found by one test only
                assertTrue(!found || BruteForce.distanceToFace(torus, q.face(), new double[] {q.x(), q.y(), q.z()}) < 1e-7);
            } else {
                assertTrue(found, "the oracle hits at t=" + hit);
                assertEquals(hit, q.t(), 1e-7 * (1 + hit));
            }
        }
    }

    @Property(tries = 100)
    void closestWithinMaxDistanceFindsExactlyThePointsInReach(@ForAll("meshes") TriangleMesh mesh,
            @ForAll long seed) {
        BvhQuery q = new Bvh(mesh).query();
        Random r = new Random(seed);
        for (int i = 0; i < 20; i++) {
            double[] p = {r.nextDouble() * 30 - 15, r.nextDouble() * 30 - 15, r.nextDouble() * 30 - 15};
            double expected = BruteForce.closestDistance(mesh, p);
            double max = expected * (0.5 + r.nextDouble());
            if (Math.abs(max - expected) <= 1e-9 * (1 + expected)) {
                continue;
            }
            assertEquals(expected <= max, q.closest(p[0], p[1], p[2], max));
            if (expected <= max) {
                assertEquals(expected, q.distance(), TOL * (1 + expected));
            } else {
                assertEquals(-1, q.face());
            }
        }
    }

    /**
     * The layout's invariants that pruning relies on: each child box holds every corner of its subtree, children come
     * after their parent, and every face sits in exactly one leaf.
     */
    @Property(tries = 200)
    void childBoxesHoldTheirSubtreesAndEveryFaceIsInOneLeaf(@ForAll("meshes") TriangleMesh mesh) {
        Bvh bvh = new Bvh(mesh);
        int[] seen = new int[mesh.faceCount()];
        checkSubtree(bvh, bvh.root, bvh.rootBox, 0, 1, seen);
        for (int i = 0; i < bvh.nodeCount(); i++) {
            for (int k = 0; k < Bvh.ARITY; k++) {
                float[] box = new float[6];
                for (int d = 0; d < 6; d++) {
                    box[d] = bvh.boxBound(i, k, d);
                }
                int c = bvh.child(i, k);
                assertTrue(Bvh.isLeaf(c) || c > i, "child " + c + " of node " + i);
                checkSubtree(bvh, c, box, 0, 1, null);
            }
        }
        for (int f = 0; f < seen.length; f++) {
            assertEquals(1, seen[f], "face " + f);
        }
    }

    /** Asserts that every corner under reference r lies in the box at {@code box[o + stride · d]}; counts faces. */
    private static void checkSubtree(Bvh bvh, int r, float[] box, int o, int stride, int[] seen) {
        if (Bvh.isLeaf(r)) {
            for (int s = Bvh.leafFirst(r); s < Bvh.leafFirst(r) + Bvh.leafCount(r); s++) {
                for (int j = 0; j < 9; j++) {
                    float x = bvh.tri[9 * s + j];
                    assertTrue(box[o + stride * (j % 3)] <= x && x <= box[o + stride * (3 + j % 3)]);
                }
                if (seen != null) {
                    seen[bvh.faceOf[s]]++;
                }
            }
            return;
        }
        for (int k = 0; k < Bvh.ARITY; k++) {
            checkSubtree(bvh, bvh.child(r, k), box, o, stride, seen);
        }
    }

    @Property(tries = 100)
    void projectionIsIdempotentAndDistanceLipschitz(@ForAll("meshes") TriangleMesh mesh, @ForAll long seed) {
        BvhQuery q = new Bvh(mesh).query();
        Random r = new Random(seed);
        double[] p = {r.nextDouble() * 30 - 15, r.nextDouble() * 30 - 15, r.nextDouble() * 30 - 15};
        double[] s = {p[0] + r.nextGaussian(), p[1] + r.nextGaussian(), p[2] + r.nextGaussian()};
        q.closest(p[0], p[1], p[2]);
        double dp = q.distance();
        double[] proj = {q.x(), q.y(), q.z()};
        q.closest(s[0], s[1], s[2]);
        assertTrue(Math.abs(dp - q.distance()) <= BruteForce.norm(BruteForce.sub(p, s)) + 1e-9);
        q.closest(proj[0], proj[1], proj[2]);
        assertEquals(0, q.distance(), 1e-9 * (1 + dp));
    }

    @Property(tries = 200)
    void firstRayHitMatchesBruteForce(@ForAll("meshes") TriangleMesh mesh, @ForAll long seed) {
        BvhQuery q = new Bvh(mesh).query();
        Random r = new Random(seed);
        for (int i = 0; i < 20; i++) {
            double[] o = {r.nextDouble() * 30 - 15, r.nextDouble() * 30 - 15, r.nextDouble() * 30 - 15};
            double[] d;
            if (i % 2 == 0) { // aimed at an interior point of a random face: usually a hit
                int f = r.nextInt(mesh.faceCount());
                double u = r.nextDouble(), v = r.nextDouble() * (1 - u);
                double[] a = BruteForce.corner(mesh, f, 0), b = BruteForce.corner(mesh, f, 1);
                double[] c = BruteForce.corner(mesh, f, 2);
                d = new double[3];
                for (int k = 0; k < 3; k++) d[k] = (1 - u - v) * a[k] + u * b[k] + v * c[k] - o[k];
            } else {
                d = new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            }
            double expected = BruteForce.firstHit(mesh, o, d);
            boolean hit = q.raycast(o[0], o[1], o[2], d[0], d[1], d[2], Double.POSITIVE_INFINITY);
            if (Double.isInfinite(expected)) {
                // grazing hits on an edge may be found by one test and not the other; then t agrees with the face
                if (hit) {
                    assertTrue(BruteForce.distanceToFace(mesh, q.face(), new double[] {q.x(), q.y(), q.z()}) < 1e-7);
                }
                continue;
            }
            assertTrue(hit, "the oracle hits at t=" + expected);
            assertEquals(expected, q.t(), 1e-7 * (1 + expected));
            assertEquals(1, q.w0() + q.w1() + q.w2(), 1e-12);
        }
    }

    @Example
    void rayFromInsideTheBunnyLeavesThroughOneFaceAndMissesWhenTooShort() {
        TriangleMesh bunny = TestMeshes.bunny();
        BvhQuery q = new Bvh(bunny).query();
        double[] o = {-0.5, 4, 0};
        double[] d = {0, 1, 0};
        double expected = BruteForce.firstHit(bunny, o, d);
        assertTrue(q.raycast(o[0], o[1], o[2], d[0], d[1], d[2], Double.POSITIVE_INFINITY));
        assertEquals(expected, q.t(), 1e-9);
        assertFalse(q.raycast(o[0], o[1], o[2], d[0], d[1], d[2], expected * 0.99));
        assertEquals(-1, q.face());
    }

    @Example
    void closestPointOnTheBunnyMatchesBruteForceOnAGrid() {
        TriangleMesh bunny = TestMeshes.bunny();
        BvhQuery q = new Bvh(bunny).query();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 4; k++) {
                    double[] p = {-6 + 3.7 * i, -1 + 3.7 * j, -5 + 3.1 * k};
                    q.closest(p[0], p[1], p[2]);
                    assertEquals(BruteForce.closestDistance(bunny, p), q.distance(), 1e-9);
                }
            }
        }
    }

    @Example
    void emptyMeshIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Bvh(new TriangleMesh(new float[9], new int[0])));
        assertTrue(e.getMessage().contains("no triangles"));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<TriangleMesh> meshes() {
        return TestMeshes.randomMeshes();
    }
}
