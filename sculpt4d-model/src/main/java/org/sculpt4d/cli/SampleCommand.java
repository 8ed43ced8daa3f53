package org.sculpt4d.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.io.MeshFiles;
import org.sculpt4d.geometry.io.MeshSequenceFiles;
import org.sculpt4d.geometry.watertight.WatertightConversion;
import org.sculpt4d.nn.io.SafeTensorsWriter;
import org.sculpt4d.nn.io.StoredTensor;
import org.sculpt4d.pipeline.RunManifest;
import org.sculpt4d.sequence.ConsistentSurfaceSampler;
import org.sculpt4d.sequence.SequenceEncoder;
import org.sculpt4d.sequence.SurfaceSequence;
import org.sculpt4d.sequence.TemporalCoherence;
import org.sculpt4d.vae.ShapeVaeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sculpt4d sample --input FRAMES --frames 0:32 --out DIR}: Consistent Surface Sampling of an animated mesh
 * (sculpt4d-method.md §4). Writes per-frame point clouds ({@code frame-000.ply}: normals, sharp rows red),
 * {@code surfaces.safetensors} ({@code surface [T, P, 7]}, the VAE input) and {@code sample.json} (counts,
 * normalisation, the temporal coherence of the encoder's query points under the released VAE's sampling rule, wall
 * time).
 */
@Command(name = "sample", description = "Consistent Surface Sampling of an animated mesh: per-frame VAE inputs.")
final class SampleCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FRAMES",
            description = "The animation: a .md2, a .glb/.gltf (morph or skinned), or a folder of same-topology OBJ/PLY frames.")
    Path input;

    @Option(names = "--frames", defaultValue = "0:", paramLabel = "A:B",
            description = "Frames A (inclusive) to B (exclusive), as a Python slice (default: all).")
    String frames;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    @Option(names = "--uniform", defaultValue = "81920", description = "Uniform samples per frame (default: ${DEFAULT-VALUE}, pc_size).")
    int uniform;

    @Option(names = "--sharp", defaultValue = "0", description = "Sharp-edge samples per frame (default: ${DEFAULT-VALUE}, pc_sharpedge_size).")
    int sharp;

    @Option(names = "--mode", defaultValue = "consistent", description = "consistent or independent (the baseline).")
    String mode;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--latents", defaultValue = "4096",
            description = "num_latents of the encoder sampling rule used to measure query coherence (default: ${DEFAULT-VALUE}).")
    int latents;

    @Option(names = "--no-fp16", description = "Keep float32 coordinates (Hunyuan's loader rounds to float16).")
    boolean noHalf;

    @Option(names = "--snap", description = "Step 4: snap the points onto each frame's watertight ε-shell (Hunyuan's "
            + "preprocessing), redrawing points that would move more than 3ε; writes watertight-NNN.ply.")
    boolean snap;

    @Option(names = "--watertight-grid", defaultValue = "256", paramLabel = "N",
            description = "Grid of the watertight conversion, ε = 2/N (default: ${DEFAULT-VALUE}).")
    int watertightGrid;

    @Override
    public Integer call() throws IOException {
        ConsistentSurfaceSampler.Mode m = switch (mode.toLowerCase(Locale.ROOT)) {
            case "consistent" -> ConsistentSurfaceSampler.Mode.CONSISTENT;
            case "independent" -> ConsistentSurfaceSampler.Mode.INDEPENDENT;
            default -> throw new IllegalArgumentException("--mode must be consistent or independent, got " + mode);
        };
        long start = System.nanoTime();
        MeshSequence sequence = slice(MeshSequenceFiles.read(input), frames);
        double readSeconds = (System.nanoTime() - start) / 1e9;
        long sampleStart = System.nanoTime();
        ConsistentSurfaceSampler sampler = new ConsistentSurfaceSampler(uniform, sharp, m, !noHalf);
        ConsistentSurfaceSampler.Snapped snapped = snap
                ? sampler.sampleSnapped(sequence, seed, new WatertightConversion().grid(watertightGrid)) : null;
        SurfaceSequence s = snap ? snapped.sequence() : sampler.sample(sequence, seed);
        double sampleSeconds = (System.nanoTime() - sampleStart) / 1e9;

        ShapeVaeConfig rule = ShapeVaeConfig.released().withSurfaceSizes(uniform, sharp).withLatents(latents);
        SequenceEncoder.Selection selection = m == ConsistentSurfaceSampler.Mode.CONSISTENT
                ? SequenceEncoder.Selection.FRAME_ZERO : SequenceEncoder.Selection.PER_FRAME;
        TemporalCoherence coherence = TemporalCoherence.ofQueries(s,
                SequenceEncoder.selections(rule, s.surfaces(), selection, new SplittableRandom(seed)));

        Files.createDirectories(out);
        for (int t = 0; t < s.frameCount(); t++) {
            MeshFiles.write(out.resolve(String.format(Locale.ROOT, "frame-%03d.ply", t)), pointCloud(s.surface(t).toArray()));
            if (snap) MeshFiles.write(out.resolve(String.format(Locale.ROOT, "watertight-%03d.ply", t)), snapped.shells().get(t));
        }
        SafeTensorsWriter.write(out.resolve("surfaces.safetensors"), Map.of("surface", StoredTensor.of(s.stacked())),
                Map.of("layout", "[T, P, 7]: x y z nx ny nz sharp_flag, uniform rows then sharp rows",
                        "mode", m.name().toLowerCase(Locale.ROOT), "seed", Long.toString(seed)));
        double seconds = (System.nanoTime() - start) / 1e9;
        long points = (long) s.frameCount() * (uniform + sharp);
        RunManifest manifest = new RunManifest("sample", Main.versions());
        if (snap) {
            manifest.argument("watertight_grid", watertightGrid)
                    .figure("snap_mean_move", Arrays.stream(snapped.meanMove()).average().orElse(0))
                    .figure("snap_max_move", Arrays.stream(snapped.maxMove()).max().orElse(0))
                    .figure("snap_redrawn_first_round", snapped.redrawn()[0])
                    .figure("snap_redrawn_total", Arrays.stream(snapped.redrawn()).sum())
                    .figure("snap_remaining_beyond_3eps", snapped.remaining());
        }
        manifest
                .argument("input", input.toString()).argument("frames", frames).argument("uniform", uniform)
                .argument("sharp", sharp).argument("mode", mode).argument("seed", seed).argument("fp16", !noHalf)
                .stage("read", readSeconds).stage("sample", sampleSeconds).stage("total", seconds)
                .figure("frame_count", s.frameCount())
                .figure("normalisation_scale", s.normalization().scale())
                .figure("query_motion", coherence.tokenMotion()).figure("true_motion", coherence.trueMotion())
                .figure("coherence_ratio", coherence.ratio())
                .figure("sampled_points_per_second", points / sampleSeconds)
                .write(out.resolve("sample.json"));
        System.out.printf(Locale.ROOT, "sample frames=%d points_per_frame=%d mode=%s query_motion=%.5f true_motion=%.5f "
                        + "ratio=%.3f sampled_points_per_s=%.3g total_s=%.2f -> %s%n", s.frameCount(), uniform + sharp,
                m.name().toLowerCase(Locale.ROOT), coherence.tokenMotion(), coherence.trueMotion(), coherence.ratio(),
                points / sampleSeconds, seconds, out);
        return 0;
    }

    /** Frames {@code a:b} of a sequence (Python slice; negative indices count from the end). */
    static MeshSequence slice(MeshSequence s, String range) {
        String[] parts = range.split(":", -1);
        if (parts.length != 2) throw new IllegalArgumentException("--frames must be A:B, got " + range);
        int n = s.frameCount();
        int a = index(parts[0], 0, n, range), b = index(parts[1], n, n, range);
        if (a >= b) throw new IllegalArgumentException("--frames " + range + " selects no frame of " + n);
        return new MeshSequence(s.frames().subList(a, b));
    }

    private static int index(String text, int absent, int n, String range) {
        if (text.isBlank()) return absent;
        try {
            int i = Integer.parseInt(text.trim());
            return Math.max(0, Math.min(n, i < 0 ? n + i : i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--frames must be A:B with integers, got " + range);
        }
    }

    /** A face-less mesh of the rows: positions, normals, and colour red for sharp rows, grey for uniform ones. */
    private static TriangleMesh pointCloud(float[] rows) {
        int n = rows.length / 7;
        float[] p = new float[3 * n], nrm = new float[3 * n], c = new float[3 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows, 7 * i, p, 3 * i, 3);
            System.arraycopy(rows, 7 * i + 3, nrm, 3 * i, 3);
            boolean sharpRow = rows[7 * i + 6] > 0.5f;
            c[3 * i] = sharpRow ? 1f : 0.6f;
            c[3 * i + 1] = sharpRow ? 0f : 0.6f;
            c[3 * i + 2] = sharpRow ? 0f : 0.6f;
        }
        return new TriangleMesh(p, new int[0], nrm, null, c);
    }
}
