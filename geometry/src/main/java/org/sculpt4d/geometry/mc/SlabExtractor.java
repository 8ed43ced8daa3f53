package org.sculpt4d.geometry.mc;

import java.util.Arrays;

/**
 * Extracts the surface of one slab of cell layers [x0, x1) along x. One instance per worker thread; it is reused for
 * every slab that worker takes.
 *
 * <p>Per plane of samples it packs the inside bits ({@code value > level}) into 64-bit words per row, so a whole
 * run of 64 cells whose 8 corners agree is skipped with a few word operations (the row trimming idea of Flying
 * Edges, Schroeder et al. 2015). Vertices are made eagerly, one per crossing edge, in a canonical order (for each
 * plane: per row its z-edges, then the y-edges to the next row; for each layer: its x-edges), and recorded in an
 * {@link EdgeVertexCache}; triangles then only look ids up, so no vertex is ever duplicated.
 *
 * <p>Ownership keeps the output independent of how the grid is cut into slabs: a slab owns the vertices of planes
 * x0..x1−1 and of the x-edges of its layers (the last slab also owns plane nx−1). Vertices on plane x1 that belong
 * to the next slab are referenced by rank ({@code −1 − rank}), which is their local id in that slab because it
 * makes plane x1 first, in the same order. Cell-centre vertices are tagged with {@link #CENTRE_TAG} and go after
 * all edge vertices of the mesh.
 *
 * <p>A cell whose tunnel tiling draws a chord in one of its lower faces checks the cell below across that face (its
 * decisions are recomputed from the grid, so slabs stay independent); if that cell draws the same chord, this one
 * takes its chord-free tiling ({@link CubeCases.Tiling#chordFree}). This keeps every edge in at most two triangles.
 */
final class SlabExtractor {
    static final int CENTRE_TAG = 1 << 30;

    /** Per edge code: where its id is found (0 x-edges, 1/2 y-edges plane x/x+1, 3/4 z-edges) and the offset. */
    private static final int[] EDGE_ARRAY = new int[12];
    private static final int[] EDGE_DJ = new int[12];
    private static final int[] EDGE_DK = new int[12];

    static {
        for (int e = 0; e < 12; e++) {
            int c0 = CubeGeometry.EDGE_CORNERS[e][0];
            int dx = CubeGeometry.offset(c0, 0);
            EDGE_DJ[e] = CubeGeometry.offset(c0, 1);
            EDGE_DK[e] = CubeGeometry.offset(c0, 2);
            switch (CubeGeometry.EDGE_AXIS[e]) {
                case 0 -> EDGE_ARRAY[e] = 0;
                case 1 -> EDGE_ARRAY[e] = 1 + dx;
                default -> EDGE_ARRAY[e] = 3 + dx;
            }
        }
    }

    private final float[] g;
    private final int nx;
    private final int ny;
    private final int nz;
    private final double level;
    private final float threshold;
    private final GridMapping map;
    private final int words;
    private final long lastCellWordMask;

    private final long[][] bits;
    private final EdgeVertexCache cache;
    private final CellTiling tiling = new CellTiling();
    private final CellTiling belowTiling = new CellTiling();
    private final double[] v = new double[8];
    private final double[] vBelow = new double[8];

    /** Output of the current slab. */
    static final class Result {
        float[] vertices = new float[3 * 256];
        int vertexCount;
        float[] centres = new float[3 * 16];
        int centreCount;
        int[] faces = new int[3 * 512];
        int faceIndexCount;
        /** Cells that took their chord-free tiling, and cells whose tunnels matched no realisable tiling. */
        long chordFreeCells;
        long fallbacks;
    }

    SlabExtractor(float[] grid, int nx, int ny, int nz, double level, GridMapping map) {
        this.g = grid;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.level = level;
        this.threshold = floatThreshold(level);
        this.map = map;
        this.words = (nz + 63) >>> 6;
        int lastBits = (nz - 1) - 64 * (words - 1); // number of valid cell columns in the last word
        this.lastCellWordMask = lastBits >= 64 ? -1L : (1L << lastBits) - 1;
        this.bits = new long[2][ny * words];
        this.cache = new EdgeVertexCache(ny, nz);
    }

    /**
     * The float t with {@code v > t ⇔ (double) v > level} for every float v: the level itself when it is a float,
     * else the largest float below it.
     */
    static float floatThreshold(double level) {
        float f = (float) level;
        if (f > level) {
            f = Math.nextDown(f);
        }
        return f;
    }

    Result run(int x0, int x1) {
        Result out = new Result();
        long before = tiling.fallbacks;
        insideBits(x0, bits[x0 & 1]);
        planeVertices(x0, true, out);
        for (int i = x0; i < x1; i++) {
            insideBits(i + 1, bits[(i + 1) & 1]);
            xEdgeVertices(i, out);
            planeVertices(i + 1, i + 1 < x1 || i + 1 == nx - 1, out);
            cells(i, out);
        }
        out.fallbacks = tiling.fallbacks - before;
        return out;
    }

    /** Packs {@code value > level} of plane x into words: bit k of word (j·words + k/64). */
    private void insideBits(int x, long[] dst) {
        float t = threshold;
        float[] grid = g;
        for (int j = 0; j < ny; j++) {
            int base = (x * ny + j) * nz;
            for (int w = 0; w < words; w++) {
                int k0 = 64 * w;
                int kEnd = Math.min(64, nz - k0);
                int idx = base + k0;
                long word = 0;
                for (int b = 0; b < kEnd; b++) {
                    if (grid[idx + b] > t) {
                        word |= 1L << b;
                    }
                }
                dst[j * words + w] = word;
            }
        }
    }

    /** Vertices on the z-edges and y-edges of plane x, owned or referenced by rank. */
    private void planeVertices(int x, boolean owned, Result out) {
        long[] b = bits[x & 1];
        int[] yIds = cache.y(x);
        int[] zIds = cache.z(x);
        int rank = 0;
        for (int j = 0; j < ny; j++) {
            int row = j * words;
            for (int w = 0; w < words; w++) {
                long r = b[row + w];
                long rn = w + 1 < words ? b[row + w + 1] : 0;
                long cross = (r ^ ((r >>> 1) | (rn << 63))) & (w == words - 1 ? lastCellWordMask : -1L);
                while (cross != 0) {
                    int k = 64 * w + Long.numberOfTrailingZeros(cross);
                    cross &= cross - 1;
                    zIds[j * nz + k] = owned ? edgeVertex(out, x, j, k, 2) : -1 - rank++;
                }
            }
            if (j + 1 < ny) {
                for (int w = 0; w < words; w++) {
                    long cross = b[row + w] ^ b[row + words + w];
                    while (cross != 0) {
                        int k = 64 * w + Long.numberOfTrailingZeros(cross);
                        cross &= cross - 1;
                        yIds[j * nz + k] = owned ? edgeVertex(out, x, j, k, 1) : -1 - rank++;
                    }
                }
            }
        }
    }

    /** Vertices on the x-edges between planes x and x+1. */
    private void xEdgeVertices(int x, Result out) {
        long[] b0 = bits[x & 1];
        long[] b1 = bits[(x + 1) & 1];
        int[] xIds = cache.x();
        for (int j = 0; j < ny; j++) {
            int row = j * words;
            for (int w = 0; w < words; w++) {
                long cross = b0[row + w] ^ b1[row + w];
                while (cross != 0) {
                    int k = 64 * w + Long.numberOfTrailingZeros(cross);
                    cross &= cross - 1;
                    xIds[j * nz + k] = edgeVertex(out, x, j, k, 0);
                }
            }
        }
    }

    /** Makes the vertex on the edge from (x, j, k) one step along {@code axis}; returns its local id. */
    private int edgeVertex(Result out, int x, int j, int k, int axis) {
        int idx0 = (x * ny + j) * nz + k;
        int idx1 = idx0 + (axis == 0 ? ny * nz : axis == 1 ? nz : 1);
        double t = crossing(g[idx0], g[idx1]);
        double px = x;
        double py = j;
        double pz = k;
        switch (axis) {
            case 0 -> px += t;
            case 1 -> py += t;
            default -> pz += t;
        }
        if (out.vertexCount * 3 + 3 > out.vertices.length) {
            out.vertices = Arrays.copyOf(out.vertices, out.vertices.length * 2);
        }
        int at = 3 * out.vertexCount;
        out.vertices[at] = (float) map.apply(0, px);
        out.vertices[at + 1] = (float) map.apply(1, py);
        out.vertices[at + 2] = (float) map.apply(2, pz);
        return out.vertexCount++;
    }

    /**
     * Linear interpolation parameter of the level crossing between two samples: {@code t = d0 / (d0 − d1)} with
     * {@code d = value − level} in double. A value exactly at the level gives t = 0 or 1, so the vertex snaps onto
     * that corner (as scikit-image's weighted centroid does). A NaN corner counts as outside and its edge's vertex
     * is put at the midpoint.
     */
    private double crossing(float a, float b) {
        double d0 = a - level;
        double d1 = b - level;
        double t = d0 / (d0 - d1);
        return t == t ? t : 0.5;
    }

    private void cells(int x, Result out) {
        long[] b0 = bits[x & 1];
        long[] b1 = bits[(x + 1) & 1];
        int[] xIds = cache.x();
        int[] y0 = cache.y(x);
        int[] y1 = cache.y(x + 1);
        int[] z0 = cache.z(x);
        int[] z1 = cache.z(x + 1);
        for (int j = 0; j + 1 < ny; j++) {
            int ra = j * words;
            int rb = ra + words;
            long orNext = b0[ra] | b0[rb] | b1[ra] | b1[rb];
            long andNext = b0[ra] & b0[rb] & b1[ra] & b1[rb];
            for (int w = 0; w < words; w++) {
                long a = b0[ra + w];
                long b = b0[rb + w];
                long c = b1[ra + w];
                long d = b1[rb + w];
                long or0 = orNext;
                long and0 = andNext;
                if (w + 1 < words) {
                    orNext = b0[ra + w + 1] | b0[rb + w + 1] | b1[ra + w + 1] | b1[rb + w + 1];
                    andNext = b0[ra + w + 1] & b0[rb + w + 1] & b1[ra + w + 1] & b1[rb + w + 1];
                } else {
                    orNext = 0;
                    andNext = 0;
                }
                long or1 = (or0 >>> 1) | (orNext << 63);
                long and1 = (and0 >>> 1) | (andNext << 63);
                long active = (or0 | or1) & ~(and0 & and1) & (w == words - 1 ? lastCellWordMask : -1L);
                while (active != 0) {
                    int s = Long.numberOfTrailingZeros(active);
                    active &= active - 1;
                    int config;
                    if (s < 63) {
                        config = (int) ((a >>> s) & 3) | (int) ((b >>> s) & 3) << 2 | (int) ((c >>> s) & 3) << 4
                                | (int) ((d >>> s) & 3) << 6;
                    } else {
                        config = pairAt63(a, b0[ra + w + 1]) | pairAt63(b, b0[rb + w + 1]) << 2
                                | pairAt63(c, b1[ra + w + 1]) << 4 | pairAt63(d, b1[rb + w + 1]) << 6;
                    }
                    int k = 64 * w + s;
                    int[] codes = CubeCases.SIMPLE[config];
                    if (codes == null) {
                        CubeCases.Tiling t = tiling.choose(config, cornerValues(x, j, k, v));
                        codes = t.triangles;
                        if (t.lowerChords != 0 && chordConflictBelow(t.lowerChords, x, j, k)) {
                            codes = t.chordFree;
                            out.chordFreeCells++;
                        }
                    }
                    emit(codes, out, x, j, k, xIds, y0, y1, z0, z1);
                }
            }
        }
    }

    private static int pairAt63(long word, long next) {
        return (int) (word >>> 63) | (int) (next & 1) << 1;
    }

    private double[] cornerValues(int x, int j, int k, double[] out) {
        int base = (x * ny + j) * nz + k;
        int sx = ny * nz;
        out[0] = g[base] - level;
        out[1] = g[base + 1] - level;
        out[2] = g[base + nz] - level;
        out[3] = g[base + nz + 1] - level;
        out[4] = g[base + sx] - level;
        out[5] = g[base + sx + 1] - level;
        out[6] = g[base + sx + nz] - level;
        out[7] = g[base + sx + nz + 1] - level;
        return out;
    }

    /**
     * True when the cell below along some axis draws one of the chords this cell draws in their shared face (see
     * {@link PieceTiler}); the cell then takes its chord-free tiling. Only the upper cell of a face gives way, and it
     * compares with the lower cell's default tiling, so no chord is ever drawn from both sides.
     */
    private boolean chordConflictBelow(int lowerChords, int x, int j, int k) {
        for (int axis = 0; axis < 3; axis++) {
            int mine = (lowerChords >>> (6 * axis)) & 63;
            if (mine == 0) {
                continue;
            }
            int nx0 = x - (axis == 0 ? 1 : 0);
            int nj = j - (axis == 1 ? 1 : 0);
            int nk = k - (axis == 2 ? 1 : 0);
            if (nx0 < 0 || nj < 0 || nk < 0) {
                continue;
            }
            cornerValues(nx0, nj, nk, vBelow);
            int config = 0;
            for (int c = 0; c < 8; c++) {
                if (vBelow[c] > 0) {
                    config |= 1 << c;
                }
            }
            if (CubeCases.SIMPLE[config] != null) {
                continue;
            }
            int theirs = (belowTiling.choose(config, vBelow).upperChords >>> (6 * axis)) & 63;
            if ((mine & theirs) != 0) {
                return true;
            }
        }
        return false;
    }

    private void emit(int[] codes, Result out, int x, int j, int k, int[] xIds, int[] y0, int[] y1, int[] z0,
            int[] z1) {
        int n = codes.length;
        if (out.faceIndexCount + n > out.faces.length) {
            out.faces = Arrays.copyOf(out.faces, Math.max(out.faces.length * 2, out.faceIndexCount + n));
        }
        int[] f = out.faces;
        int at = out.faceIndexCount;
        int centre = -1;
        int cell = j * nz + k;
        for (int i = 0; i < n; i++) {
            int e = codes[i];
            int id;
            if (e == CubeCases.CENTRE) {
                if (centre < 0) {
                    centre = centreVertex(out, x, j, k);
                }
                id = centre;
            } else {
                int at2 = cell + EDGE_DJ[e] * nz + EDGE_DK[e];
                id = switch (EDGE_ARRAY[e]) {
                    case 0 -> xIds[at2];
                    case 1 -> y0[at2];
                    case 2 -> y1[at2];
                    case 3 -> z0[at2];
                    default -> z1[at2];
                };
            }
            f[at + i] = id;
        }
        out.faceIndexCount = at + n;
    }

    /** Lewiner's "c12": the mean of the cell's edge crossings, tagged for placement after all edge vertices. */
    private int centreVertex(Result out, int x, int j, int k) {
        double sx = 0;
        double sy = 0;
        double sz = 0;
        int n = 0;
        for (int e = 0; e < 12; e++) {
            int c0 = CubeGeometry.EDGE_CORNERS[e][0];
            int c1 = CubeGeometry.EDGE_CORNERS[e][1];
            float a = g[index(x, j, k, c0)];
            float b = g[index(x, j, k, c1)];
            if ((a > threshold) == (b > threshold)) {
                continue;
            }
            double t = crossing(a, b);
            double px = x + CubeGeometry.offset(c0, 0);
            double py = j + CubeGeometry.offset(c0, 1);
            double pz = k + CubeGeometry.offset(c0, 2);
            switch (CubeGeometry.EDGE_AXIS[e]) {
                case 0 -> px += t;
                case 1 -> py += t;
                default -> pz += t;
            }
            sx += px;
            sy += py;
            sz += pz;
            n++;
        }
        if (out.centreCount * 3 + 3 > out.centres.length) {
            out.centres = Arrays.copyOf(out.centres, out.centres.length * 2);
        }
        int at = 3 * out.centreCount;
        out.centres[at] = (float) map.apply(0, sx / n);
        out.centres[at + 1] = (float) map.apply(1, sy / n);
        out.centres[at + 2] = (float) map.apply(2, sz / n);
        return CENTRE_TAG | out.centreCount++;
    }

    private int index(int x, int j, int k, int corner) {
        return ((x + CubeGeometry.offset(corner, 0)) * ny + j + CubeGeometry.offset(corner, 1)) * nz + k
                + CubeGeometry.offset(corner, 2);
    }
}
