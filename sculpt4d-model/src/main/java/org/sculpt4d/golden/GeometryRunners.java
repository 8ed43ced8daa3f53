package org.sculpt4d.golden;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sculpt4d.config.ConfigReader;
import org.sculpt4d.geometry.mc.IsoSurface;
import org.sculpt4d.geometry.mc.MarchingCubes;
import org.sculpt4d.geometry.sampling.FarthestPointSampling;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.vae.QueryGrid;

/** Runners of the geometry modules of the golden table (golden-format.md): {@code fps} and {@code marching_cubes}. */
final class GeometryRunners {
    private GeometryRunners() {
    }

    /** {@code points [B,P,3]}, {@code start [B]}; config {@code count} → {@code index [B,count]} (spec §2.7 step 4). */
    static Map<String, Computed> farthestPointSampling(GoldenBundle b) throws IOException {
        ConfigReader c = new ConfigReader(b.config(), b.path().toString());
        int count = c.integer("count");
        if (count < 0) throw b.problem("config count = " + count + " is negative");
        c.rejectUnknown(List.of("count"), Set.of());
        Tensor points = b.floats("points", -1, -1, 3);
        int batch = points.dim(0);
        int[] start = b.ints("start", batch);
        long[] index = new long[batch * count];
        for (int i = 0; i < batch; i++) {
            int[] picks = FarthestPointSampling.select(points.select(i).toArray(), start[i], count);
            for (int j = 0; j < count; j++) index[i * count + j] = picks[j];
        }
        return Map.of("index", Computed.ofLongs(index, batch, count));
    }

    /**
     * {@code grid [R+1,R+1,R+1]} (positive inside); config {@code level}, {@code bounds}, {@code octree_resolution} →
     * the counts, total area and signed volume of the Lewiner surface with upstream's ÷(R+1) vertex mapping (spec
     * §6.2) and outward faces (§6.3).
     */
    static Map<String, Computed> marchingCubes(GoldenBundle b) throws IOException {
        ConfigReader c = new ConfigReader(b.config(), b.path().toString());
        double level = c.number("level");
        QueryGrid box = QueryGrid.of(c.numbers("bounds"), c.integer("octree_resolution"));
        c.rejectUnknown(List.of("level", "bounds", "octree_resolution"), Set.of());
        int n = box.samples();
        Tensor grid = b.floats("grid", n, n, n);
        IsoSurface s = new MarchingCubes().level(level).bounds(box.min(), box.max()).hunyuanCompat(true)
                .extract(grid.toArray(), n, n, n);
        // area and volume are F32 in the bundle: rounded here as there, so equal double results compare equal
        return Map.of(
                "vertex_count", Computed.ofLongs(new long[] {s.vertexCount()}, 1),
                "face_count", Computed.ofLongs(new long[] {s.faceCount()}, 1),
                "area", new Computed(new int[] {1}, new double[] {(float) s.area()}),
                "volume", new Computed(new int[] {1}, new double[] {(float) s.signedVolume()}));
    }
}
