package org.sculpt4d.sequence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.sampling.SharpEdgeSampler;
import org.sculpt4d.geometry.sampling.SurfaceSamples;
import org.sculpt4d.geometry.sampling.UniformSurfaceSampler;
import org.sculpt4d.geometry.watertight.WatertightConversion;

/**
 * Step 4 of Consistent Surface Sampling (sculpt4d-method.md §4) for a group of frames that share one set of samples:
 * each frame is made watertight (Hunyuan's ε-shell, {@link WatertightConversion}), every propagated point is snapped
 * onto its frame's shell ({@link SurfaceSnapping}: closest point, preferring the side whose normal agrees), and a point
 * that must move more than 3ε in any frame is redrawn on the source frame (a fresh uniform or sharp-edge sample,
 * seeded per round) and propagated and snapped again, for at most {@link #MAX_ROUNDS} rounds; points still too far
 * then keep their closest point and are counted.
 */
final class ShellSnapping {
    /** Rounds of redrawing rejected points. */
    static final int MAX_ROUNDS = 4;

    private final WatertightConversion conversion;

    ShellSnapping(WatertightConversion conversion) {
        this.conversion = conversion;
    }

    /**
     * The snapped points of one group.
     *
     * @param uniform, sharp the final samples on the source frame (after redrawing)
     * @param positions, normals per frame of the group, {@code 3·P} floats each: snapped xyz and shell face normals
     * @param shells    the watertight mesh of each frame
     * @param redrawn   points redrawn in each round
     * @param remaining points still moving more than 3ε after the last round
     * @param meanMove, maxMove per frame, in normalised units
     */
    record Group(SurfaceSamples uniform, SurfaceSamples sharp, List<float[]> positions, List<float[]> normals,
                 List<TriangleMesh> shells, int[] redrawn, int remaining, double[] meanMove, double[] maxMove) {
    }

    /** Snaps the samples {@code uniform, sharp} (on {@code frames.get(0)}) propagated to every frame of {@code frames}. */
    Group snap(List<TriangleMesh> frames, SurfaceSamples uniform, SurfaceSamples sharp, long seed) {
        int t = frames.size(), n = uniform.size() + sharp.size();
        List<TriangleMesh> shells = new ArrayList<>(t);
        List<SurfaceSnapping> snapping = new ArrayList<>(t);
        for (TriangleMesh frame : frames) {
            TriangleMesh shell = conversion.convert(frame);
            shells.add(shell);
            snapping.add(new SurfaceSnapping(shell, conversion.epsilonFor(frame)));
        }
        float[][] pos = new float[t][3 * n], nrm = new float[t][3 * n];
        double[][] moved = new double[t][n];
        boolean[] rejected = new boolean[n];
        int[] rows = IntStream.range(0, n).toArray();
        int[] redrawn = new int[MAX_ROUNDS];
        for (int round = 0; ; round++) {
            Arrays.fill(rejected, false);
            for (int f = 0; f < t; f++) {
                float[][] pn = pointsOf(uniform.evaluateOn(frames.get(f)), sharp.evaluateOn(frames.get(f)), rows);
                SurfaceSnapping.Result r = snapping.get(f).snap(pn[0], pn[1]);
                for (int i = 0; i < rows.length; i++) {
                    System.arraycopy(r.positions(), 3 * i, pos[f], 3 * rows[i], 3);
                    System.arraycopy(r.normals(), 3 * i, nrm[f], 3 * rows[i], 3);
                    moved[f][rows[i]] = r.moved()[i];
                    if (r.rejected()[i]) rejected[rows[i]] = true;
                }
            }
            rows = indices(rejected);
            if (rows.length == 0 || round == MAX_ROUNDS) break;
            redrawn[round] = rows.length;
            long roundSeed = seed + 0x632BE59BD9B4E019L * (round + 1);
            uniform = redraw(uniform, rows, 0, roundSeed, true);
            sharp = redraw(sharp, rows, uniform.size(), roundSeed, false);
        }
        double[] mean = new double[t], max = new double[t];
        for (int f = 0; f < t; f++) {
            mean[f] = Arrays.stream(moved[f]).average().orElse(0);
            max[f] = Arrays.stream(moved[f]).max().orElse(0);
        }
        return new Group(uniform, sharp, Arrays.asList(pos), Arrays.asList(nrm), shells, redrawn, rows.length, mean, max);
    }

    /** {@code samples} (rows {@code [first, first + size)} of the surface) with the rejected rows among them redrawn. */
    private static SurfaceSamples redraw(SurfaceSamples samples, int[] rows, int first, long seed, boolean uniform) {
        int[] mine = Arrays.stream(rows).filter(r -> r >= first && r < first + samples.size()).map(r -> r - first).toArray();
        if (mine.length == 0) return samples;
        TriangleMesh source = samples.mesh();
        SurfaceSamples fresh = uniform ? new UniformSurfaceSampler(source).sample(mine.length, seed)
                : new SharpEdgeSampler(source).sample(mine.length, seed);
        return samples.replacing(mine, fresh);
    }

    /** Positions and normals of surface rows {@code rows} (uniform rows first, then sharp). */
    private static float[][] pointsOf(SurfaceSamples uniform, SurfaceSamples sharp, int[] rows) {
        float[] p = new float[3 * rows.length], q = new float[3 * rows.length];
        for (int i = 0; i < rows.length; i++) {
            boolean u = rows[i] < uniform.size();
            int j = u ? rows[i] : rows[i] - uniform.size();
            System.arraycopy((u ? uniform : sharp).positions(), 3 * j, p, 3 * i, 3);
            System.arraycopy((u ? uniform : sharp).normals(), 3 * j, q, 3 * i, 3);
        }
        return new float[][] {p, q};
    }

    private static int[] indices(boolean[] flags) {
        return IntStream.range(0, flags.length).filter(i -> flags[i]).toArray();
    }
}
