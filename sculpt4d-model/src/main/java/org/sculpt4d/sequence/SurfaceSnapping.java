package org.sculpt4d.sequence;

import org.sculpt4d.geometry.MeshMeasures;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.query.Bvh;
import org.sculpt4d.geometry.query.BvhQuery;
import org.sculpt4d.tensor.backend.Parallel;

/**
 * Step 4 of Consistent Surface Sampling (sculpt4d-method.md §4): each point propagated onto a frame is moved to the
 * closest point of that frame's watertight surface and takes the normal of the face it lands on. The watertight
 * surface is a shell about ε outside the original one (hunyuan3d21-shape.md §2.4), so near thin parts the closest
 * point can lie on the far side; the side whose normal agrees with the propagated normal is preferred: besides the
 * closest point, the first hits of rays along {@code ±n} (up to {@code 3ε}) are candidates, and the nearest candidate
 * whose face normal agrees with {@code n} wins (the closest point when none agrees). A point that would move more than
 * {@code 3ε} is reported for resampling.
 */
public final class SurfaceSnapping {
    /** Largest move, in units of ε, before a point is resampled. */
    public static final double MAX_MOVE = 3;

    private final double epsilon;
    private final Bvh bvh;
    private final double[] faceNormals;

    /**
     * Snapping onto {@code watertight}, whose BVH and face normals are built once here (a frame's points may be snapped
     * in several rounds).
     *
     * @param epsilon the shell offset of the watertight conversion (2 / grid resolution in normalised units)
     */
    public SurfaceSnapping(TriangleMesh watertight, double epsilon) {
        if (!(epsilon > 0)) throw new IllegalArgumentException("snapping: epsilon " + epsilon + " is not positive");
        this.epsilon = epsilon;
        this.bvh = new Bvh(watertight);
        this.faceNormals = MeshMeasures.faceNormals(watertight);
    }

    /**
     * @param positions snapped points, N×3
     * @param normals   unit normals of the faces they landed on, N×3
     * @param moved     distance each point moved
     * @param rejected  whether a point moved more than {@code 3ε} (to be resampled)
     */
    public record Result(float[] positions, float[] normals, double[] moved, boolean[] rejected) {
        public int rejectedCount() {
            int n = 0;
            for (boolean r : rejected) if (r) n++;
            return n;
        }
    }

    /** Snaps points {@code positions} (N×3) with propagated normals {@code normals} (N×3) onto the shell. */
    public Result snap(float[] positions, float[] normals) {
        if (positions.length != normals.length || positions.length % 3 != 0) {
            throw new IllegalArgumentException("snapping: " + positions.length + " coordinates and " + normals.length
                    + " normal components");
        }
        int n = positions.length / 3;
        Result r = new Result(new float[3 * n], new float[3 * n], new double[n], new boolean[n]);
        Parallel.forRange(0, n, 256, (from, to) -> {
            BvhQuery q = bvh.query();
            for (int i = from; i < to; i++) snapOne(q, positions, normals, i, r);
        });
        return r;
    }

    private void snapOne(BvhQuery q, float[] p, float[] nrm, int i, Result r) {
        double px = p[3 * i], py = p[3 * i + 1], pz = p[3 * i + 2];
        double nx = nrm[3 * i], ny = nrm[3 * i + 1], nz = nrm[3 * i + 2];
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        q.closest(px, py, pz);
        Candidate closest = new Candidate(q, q.distance());
        Candidate best = agrees(faceNormals, closest.face, nx, ny, nz) ? closest : null;
        if (len > 0) {
            for (int sign = 1; sign >= -1; sign -= 2) {
                double dx = sign * nx / len, dy = sign * ny / len, dz = sign * nz / len;
                if (q.raycast(px, py, pz, dx, dy, dz, MAX_MOVE * epsilon) && agrees(faceNormals, q.face(), nx, ny, nz)
                        && (best == null || q.t() < best.distance)) {
                    best = new Candidate(q, q.t());
                }
            }
        }
        Candidate c = best != null ? best : closest;
        r.positions()[3 * i] = (float) c.x;
        r.positions()[3 * i + 1] = (float) c.y;
        r.positions()[3 * i + 2] = (float) c.z;
        for (int k = 0; k < 3; k++) r.normals()[3 * i + k] = (float) faceNormals[3 * c.face + k];
        r.moved()[i] = c.distance;
        r.rejected()[i] = c.distance > MAX_MOVE * epsilon;
    }

    private static boolean agrees(double[] faceNormals, int f, double nx, double ny, double nz) {
        return faceNormals[3 * f] * nx + faceNormals[3 * f + 1] * ny + faceNormals[3 * f + 2] * nz > 0;
    }

    /** A landing point read from the query's last result. */
    private static final class Candidate {
        final int face;
        final double x, y, z, distance;

        Candidate(BvhQuery q, double distance) {
            this.face = q.face();
            this.x = q.x();
            this.y = q.y();
            this.z = q.z();
            this.distance = distance;
        }
    }
}
