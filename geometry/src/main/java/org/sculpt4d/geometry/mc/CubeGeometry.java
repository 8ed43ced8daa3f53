package org.sculpt4d.geometry.mc;

/**
 * Numbering of one grid cell's 8 corners, 12 edges and 6 faces, shared by the derived case tables
 * ({@link CubeCases}), the deciders and the extractor.
 *
 * <ul>
 *   <li>Corner {@code c = dx<<2 | dy<<1 | dz} sits at offset (dx, dy, dz) from the cell's lowest grid point, so the
 *       corner order follows the grid's memory order (x slowest, z fastest).</li>
 *   <li>Edge {@code e = 4·axis + (u<<1 | w)} runs along {@code axis}; u and w are its offsets along the two other
 *       axes taken in increasing axis order.</li>
 *   <li>Face {@code f = 2·axis + side} is the face with coordinate {@code side} along {@code axis}; its corners are
 *       listed in cyclic order (0,0), (1,0), (1,1), (0,1) over the two other axes, and {@code FACE_EDGES[f][i]}
 *       joins {@code FACE_CORNERS[f][i]} and {@code FACE_CORNERS[f][(i+1)%4]}.</li>
 * </ul>
 */
final class CubeGeometry {
    static final int CORNERS = 8;
    static final int EDGES = 12;
    static final int FACES = 6;

    /** EDGE_CORNERS[e] = {low corner, high corner}, low along the edge's axis. */
    static final int[][] EDGE_CORNERS = new int[EDGES][2];
    static final int[] EDGE_AXIS = new int[EDGES];
    static final int[][] FACE_CORNERS = new int[FACES][4];
    static final int[][] FACE_EDGES = new int[FACES][4];

    private CubeGeometry() {
    }

    /** The corner bit that encodes an offset along {@code axis} (axis 0 = x is the high bit). */
    static int axisBit(int axis) {
        return 1 << (2 - axis);
    }

    static int offset(int corner, int axis) {
        return (corner >> (2 - axis)) & 1;
    }

    /** The two axes other than {@code axis}, in increasing order. */
    static int[] otherAxes(int axis) {
        return axis == 0 ? new int[] {1, 2} : axis == 1 ? new int[] {0, 2} : new int[] {0, 1};
    }

    /** The edge joining two corners that differ in exactly one axis. */
    static int edgeBetween(int c0, int c1) {
        int diff = c0 ^ c1;
        if (Integer.bitCount(diff) != 1) {
            throw new IllegalArgumentException("corners " + c0 + " and " + c1 + " do not share an edge");
        }
        int axis = 2 - Integer.numberOfTrailingZeros(diff);
        int[] o = otherAxes(axis);
        return 4 * axis + (offset(c0, o[0]) << 1 | offset(c0, o[1]));
    }

    /** Edge midpoint on the unit cube, used only to choose triangulations when the tables are derived. */
    static double[] edgeMidpoint(int e) {
        double[] p = new double[3];
        int c0 = EDGE_CORNERS[e][0];
        for (int a = 0; a < 3; a++) {
            p[a] = a == EDGE_AXIS[e] ? 0.5 : offset(c0, a);
        }
        return p;
    }

    static double[] cornerPoint(int c) {
        return new double[] {offset(c, 0), offset(c, 1), offset(c, 2)};
    }

    static {
        for (int axis = 0; axis < 3; axis++) {
            int[] o = otherAxes(axis);
            for (int uw = 0; uw < 4; uw++) {
                int e = 4 * axis + uw;
                int c0 = ((uw >> 1) & 1) * axisBit(o[0]) | (uw & 1) * axisBit(o[1]);
                EDGE_AXIS[e] = axis;
                EDGE_CORNERS[e][0] = c0;
                EDGE_CORNERS[e][1] = c0 | axisBit(axis);
            }
            for (int side = 0; side < 2; side++) {
                int f = 2 * axis + side;
                int base = side * axisBit(axis);
                int b = axisBit(o[0]);
                int c = axisBit(o[1]);
                FACE_CORNERS[f] = new int[] {base, base | b, base | b | c, base | c};
                for (int i = 0; i < 4; i++) {
                    FACE_EDGES[f][i] = edgeBetween(FACE_CORNERS[f][i], FACE_CORNERS[f][(i + 1) & 3]);
                }
            }
        }
    }
}
