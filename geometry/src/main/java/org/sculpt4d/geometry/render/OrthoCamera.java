package org.sculpt4d.geometry.render;

import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;

/**
 * An orthographic camera looking at a box from a direction given by azimuth (about +y, from +z towards +x) and
 * elevation (above the xz plane), with +y up on screen. The view is fitted to a bounding sphere of the box, so every
 * orientation of the box stays in the picture; fitting it to a whole sequence keeps the object's motion visible.
 *
 * @param center      the point at the picture's centre
 * @param halfExtent  half the picture's side in world units
 * @param azimuthDeg  rotation about +y, degrees
 * @param elevationDeg rotation above the horizon, degrees
 */
public record OrthoCamera(double[] center, double halfExtent, double azimuthDeg, double elevationDeg) {
    public OrthoCamera {
        center = center.clone();
        if (center.length != 3 || !(halfExtent > 0) || Double.isInfinite(halfExtent)) {
            throw new IllegalArgumentException("camera: needs a 3-d centre and a positive extent, got " + halfExtent);
        }
    }

    /** A camera that frames every frame of {@code sequence} (5 % margin). */
    public static OrthoCamera framing(MeshSequence sequence, double azimuthDeg, double elevationDeg) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (TriangleMesh m : sequence.frames()) {
            float[] p = m.positions();
            for (int i = 0; i < p.length; i++) {
                lo[i % 3] = Math.min(lo[i % 3], p[i]);
                hi[i % 3] = Math.max(hi[i % 3], p[i]);
            }
        }
        double[] c = new double[3];
        double r2 = 0;
        for (int a = 0; a < 3; a++) {
            c[a] = (lo[a] + hi[a]) / 2;
            r2 += (hi[a] - lo[a]) * (hi[a] - lo[a]) / 4;
        }
        return new OrthoCamera(c, 1.05 * Math.max(Math.sqrt(r2), 1e-9), azimuthDeg, elevationDeg);
    }

    @Override
    public double[] center() {
        return center.clone();
    }

    /** The camera's right, up and towards-viewer unit axes in world coordinates, rows of a rotation. */
    double[][] axes() {
        double az = Math.toRadians(azimuthDeg), el = Math.toRadians(elevationDeg);
        double[] back = {Math.sin(az) * Math.cos(el), Math.sin(el), Math.cos(az) * Math.cos(el)};
        double[] right = {Math.cos(az), 0, -Math.sin(az)};
        double[] up = {back[1] * right[2] - back[2] * right[1], back[2] * right[0] - back[0] * right[2],
                back[0] * right[1] - back[1] * right[0]};
        return new double[][] {right, up, back};
    }
}
