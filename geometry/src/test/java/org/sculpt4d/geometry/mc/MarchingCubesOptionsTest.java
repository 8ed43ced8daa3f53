package org.sculpt4d.geometry.mc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** NaN handling, exact zeros, level, world mappings, long rows and argument checks. */
class MarchingCubesOptionsTest {

    @Test
    void nanCountsAsOutsideAndNeverReachesAVertex() {
        int n = 48;
        float[] g = Fields.sample(Fields.SPHERE, n, -1, 1);
        IsoSurface plain = new MarchingCubes().bounds(1).extract(g, n, n, n);
        // NaN far outside the surface changes nothing
        float[] farNan = g.clone();
        // NaN deep inside (as FlashVDM leaves unevaluated nodes) is outside, so an inner shell appears
        float[] holeNan = g.clone();
        double h = 2.0 / (n - 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    double r = Math.sqrt(Math.pow(-1 + h * i, 2) + Math.pow(-1 + h * j, 2) + Math.pow(-1 + h * k, 2));
                    if (r > 0.8) {
                        farNan[(i * n + j) * n + k] = Float.NaN;
                    }
                    if (r < 0.2) {
                        holeNan[(i * n + j) * n + k] = Float.NaN;
                    }
                }
            }
        }
        IsoSurface far = new MarchingCubes().bounds(1).extract(farNan, n, n, n);
        assertArrayEquals(plain.vertices(), far.vertices());
        assertArrayEquals(plain.faces(), far.faces());

        IsoSurface hole = new MarchingCubes().bounds(1).extract(holeNan, n, n, n);
        for (float c : hole.vertices()) {
            assertTrue(Float.isFinite(c), "no NaN vertex");
        }
        assertEquals(2, hole.componentCount(), "outer sphere and the shell around the NaN hole");
        assertEquals(4, hole.eulerCharacteristic());
        assertTrue(hole.isClosedManifold());
        assertTrue(hole.signedVolume() < plain.signedVolume() - 0.01, "the hole is wound as a cavity");
    }

    @Test
    void valuesExactlyAtTheLevelAreOutsideAndVerticesSnapOntoThem() {
        // f = i − 5: the samples of plane i = 5 are exactly at the level, hence outside; inside is i > 5
        int nx = 11;
        int ny = 6;
        int nz = 7;
        float[] g = Fields.generate(nx, ny, nz, (i, j, k) -> i - 5);
        IsoSurface s = new MarchingCubes().extract(g, nx, ny, nz);
        assertEquals(ny * nz, s.vertexCount(), "one vertex per x-edge from plane 5 to plane 6");
        for (int v = 0; v < s.vertexCount(); v++) {
            assertEquals(5f, s.vertices()[3 * v], 0f, "snapped exactly onto the zero sample");
        }
        assertEquals(2 * (ny - 1) * (nz - 1), s.faceCount());
        assertEquals(0, s.degenerateFaceCount());
        // winding outward: the normals point from inside (x > 5) toward outside (−x)
        float[] v = s.vertices();
        int[] f = s.faces();
        for (int t = 0; t < f.length; t += 3) {
            double uy = v[3 * f[t + 1] + 1] - v[3 * f[t] + 1];
            double uz = v[3 * f[t + 1] + 2] - v[3 * f[t] + 2];
            double wy = v[3 * f[t + 2] + 1] - v[3 * f[t] + 1];
            double wz = v[3 * f[t + 2] + 2] - v[3 * f[t] + 2];
            assertTrue(uy * wz - uz * wy < 0, "normal x component points to −x");
        }
    }

    @Test
    void levelShiftsTheSurface() {
        int n = 64;
        float[] g = Fields.sample(Fields.SPHERE, n, -1, 1); // 0.5 − |p|
        double v0 = new MarchingCubes().bounds(1).extract(g, n, n, n).signedVolume();
        double v1 = new MarchingCubes().bounds(1).level(0.1).extract(g, n, n, n).signedVolume();
        assertEquals(4.0 / 3 * Math.PI * 0.4 * 0.4 * 0.4, v1, 2e-3);
        assertTrue(v1 < v0);
        assertTrue(new MarchingCubes().level(2).extract(g, n, n, n).isEmpty(), "level above the maximum");
    }

    @Test
    void hunyuanCompatDividesByRPlusOne() {
        // spec hunyuan3d21-shape.md §6.2: an off-centre sphere (0.3, −0.2, 0.1), r = 0.5, at R = 32 comes back
        // centred near (0.260, −0.225, 0.066) with upstream's mapping
        int r = 32;
        int n = r + 1;
        double b = 1.01;
        Fields.Sdf offCentre = (x, y, z) -> Fields.SPHERE.at(x - 0.3, y + 0.2, z - 0.1);
        float[] g = Fields.sample(offCentre, n, -b, b);
        IsoSurface correct = new MarchingCubes().bounds(b).extract(g, n, n, n);
        IsoSurface compat = new MarchingCubes().bounds(b).hunyuanCompat(true).extract(g, n, n, n);
        assertArrayEquals(correct.faces(), compat.faces());
        float[] vc = correct.vertices();
        float[] vh = compat.vertices();
        for (int i = 0; i < vc.length; i++) {
            assertEquals((vc[i] + b) * r / (r + 1) - b, vh[i], 2e-6);
        }
        double[] centre = boxCentre(compat);
        assertEquals(0.260, centre[0], 5e-3);
        assertEquals(-0.225, centre[1], 5e-3);
        assertEquals(0.066, centre[2], 5e-3);
        double[] trueCentre = boxCentre(correct);
        assertEquals(0.3, trueCentre[0], 5e-3);
        assertEquals(-0.2, trueCentre[1], 5e-3);
        assertEquals(0.1, trueCentre[2], 5e-3);
        assertThrows(IllegalStateException.class,
                () -> new MarchingCubes().hunyuanCompat(true).extract(g, n, n, n), "compat needs bounds");
    }

    @Test
    void longRowsMatchACellByCellCount() {
        // rows of 130 samples span three 64-bit words; the ellipsoid crosses every column along its sides
        int nx = 20;
        int ny = 21;
        int nz = 130;
        float[] g = Fields.generate(nx, ny, nz, (i, j, k) -> 1 - Math.sqrt(Math.pow((i - 9.6) / 7.3, 2)
                + Math.pow((j - 10.2) / 8.1, 2) + Math.pow((k - 64.3) / 61.7, 2)));
        IsoSurface s = new MarchingCubes().extract(g, nx, ny, nz);
        assertEquals(MarchingCubesRandomFieldProperties.crossingEdges(g, nx, ny, nz), s.vertexCount());
        CellTiling tiling = new CellTiling();
        double[] v = new double[8];
        int faces = 0;
        for (int i = 0; i + 1 < nx; i++) {
            for (int j = 0; j + 1 < ny; j++) {
                for (int k = 0; k + 1 < nz; k++) {
                    int config = 0;
                    for (int c = 0; c < 8; c++) {
                        v[c] = g[((i + (c >> 2 & 1)) * ny + j + (c >> 1 & 1)) * nz + k + (c & 1)];
                        config |= v[c] > 0 ? 1 << c : 0;
                    }
                    faces += tiling.tiles(config, v).length / 3;
                }
            }
        }
        assertEquals(faces, s.faceCount());
        assertTrue(s.isClosedManifold());
        assertEquals(2, s.eulerCharacteristic());
    }

    @Test
    void degenerateInputs() {
        assertTrue(new MarchingCubes().extract(new float[4], 1, 2, 2).isEmpty());
        assertTrue(new MarchingCubes().extract(new float[0], 0, 0, 0).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new MarchingCubes().extract(new float[7], 2, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new MarchingCubes().level(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new MarchingCubes().threads(0));
        float[] single = {-1, -1, -1, -1, -1, -1, -1, 2};
        IsoSurface corner = new MarchingCubes().extract(single, 2, 2, 2);
        assertEquals(3, corner.vertexCount());
        assertEquals(1, corner.faceCount());
        assertEquals(3, corner.boundaryEdgeCount(), "the grid border leaves the surface open");
    }

    private static double[] boxCentre(IsoSurface s) {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        float[] v = s.vertices();
        for (int i = 0; i < v.length; i++) {
            lo[i % 3] = Math.min(lo[i % 3], v[i]);
            hi[i % 3] = Math.max(hi[i % 3], v[i]);
        }
        return new double[] {(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2};
    }
}
