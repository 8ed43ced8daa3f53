package org.sculpt4d.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.io.MeshSequenceFiles;
import org.sculpt4d.geometry.metrics.FScore;
import org.sculpt4d.geometry.metrics.FrameMetrics;
import org.sculpt4d.geometry.metrics.MeshMetrics;
import org.sculpt4d.geometry.io.AtomicFile;
import org.sculpt4d.sequence.JointNormalization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sculpt4d metrics --pred DIR --gt DIR [--json OUT]}: the evaluation protocol of sculpt4d-method.md §6 on two
 * directories of per-frame OBJ/PLY meshes, paired by sorted file name. One joint normalisation, computed from the
 * ground-truth sequence, is applied to both sequences; then Chamfer (sum and ONet ½), F-score at τ = 0.01, 0.02, 0.05
 * and volumetric IoU (uniform points and grid) per frame, and their mean over frames.
 */
@Command(name = "metrics", description = "Chamfer, F-score and volume IoU of predicted against ground-truth mesh frames.")
final class MetricsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--pred", required = true, paramLabel = "PATH", description = "Predicted sequence: OBJ/PLY frame folder, .glb/.gltf or .md2.")
    Path pred;

    @Option(names = "--gt", required = true, paramLabel = "PATH", description = "Ground-truth sequence: OBJ/PLY frame folder, .glb/.gltf or .md2.")
    Path gt;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the table as JSON (atomically).")
    Path json;

    @Option(names = "--samples", defaultValue = "100000", description = "Surface samples per mesh (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--iou-points", defaultValue = "100000", description = "Uniform IoU points (default: ${DEFAULT-VALUE}).")
    int iouPoints;

    @Option(names = "--iou-grid", defaultValue = "128", description = "IoU grid per axis, 0 to skip (default: ${DEFAULT-VALUE}).")
    int iouGrid;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        MeshSequence p = MeshSequenceFiles.read(pred), g = MeshSequenceFiles.read(gt);
        if (p.frameCount() != g.frameCount()) {
            throw new IllegalArgumentException("--pred " + pred + " has " + p.frameCount() + " frames but --gt " + gt
                    + " has " + g.frameCount());
        }
        MeshMetrics metrics = new MeshMetrics().samples(samples).iouPoints(iouPoints).iouGrid(iouGrid).seed(seed);
        JointNormalization norm = JointNormalization.of(g);
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        List<FrameMetrics> frames = new ArrayList<>();
        out.println(header());
        for (int t = 0; t < g.frameCount(); t++) {
            FrameMetrics m;
            try {
                m = metrics.evaluate(norm.apply(p.frame(t)), norm.apply(g.frame(t)), t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("frame " + t + " (sorted by file name): " + e.getMessage(), e);
            }
            frames.add(m);
            out.println(row(Integer.toString(t), m));
        }
        FrameMetrics mean = FrameMetrics.mean(frames);
        out.println(row("mean", mean));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json != null) write(json, frames, mean, norm, seconds);
        out.printf(Locale.ROOT, "metrics frames=%d seconds=%.2f%s%n", frames.size(), seconds,
                json == null ? "" : " -> " + json);
        out.flush();
        return 0;
    }

    private static String header() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-6s %9s %9s", "frame", "chamfer", "cd_onet"));
        for (double tau : FScore.TAUS) s.append(String.format(Locale.ROOT, " %7s", "f@" + tau));
        return s.append(String.format(Locale.ROOT, " %7s %8s", "iou", "iou_grid")).toString();
    }

    private static String row(String label, FrameMetrics m) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-6s %9.5f %9.5f", label, m.chamfer(),
                m.chamferOnet()));
        for (double f : m.fScore()) s.append(String.format(Locale.ROOT, " %7.4f", f));
        return s.append(String.format(Locale.ROOT, " %7.4f %8.4f", m.iouPoints(), m.iouGrid())).toString();
    }

    private void write(Path file, List<FrameMetrics> frames, FrameMetrics mean, JointNormalization norm,
            double seconds) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("pred", pred.toString());
        root.put("gt", gt.toString());
        ObjectNode settings = root.putObject("settings");
        settings.put("samples", samples);
        settings.put("iou_points", iouPoints);
        settings.put("iou_grid", iouGrid);
        settings.put("seed", seed);
        settings.put("normalisation", "joint box of the ground-truth sequence to [-0.9999, 0.9999]^3");
        ObjectNode n = root.putObject("normalisation");
        ArrayNode c = n.putArray("center");
        for (double v : norm.center()) c.add(v);
        n.put("scale", norm.scale());
        ArrayNode rows = root.putArray("frames");
        for (int t = 0; t < frames.size(); t++) put(rows.addObject().put("frame", t), frames.get(t));
        put(root.putObject("mean"), mean);
        root.put("seconds", seconds);
        root.putPOJO("versions", Main.versions());
        byte[] bytes = JSON.writeValueAsBytes(root);
        AtomicFile.write(file, out -> out.write(bytes));
    }

    private static void put(ObjectNode o, FrameMetrics m) {
        o.put("chamfer", m.chamfer());
        o.put("chamfer_onet", m.chamferOnet());
        double[] f = m.fScore();
        for (int i = 0; i < f.length; i++) o.put("fscore_" + FScore.TAUS[i], f[i]);
        o.put("iou", m.iouPoints());
        if (Double.isNaN(m.iouGrid())) o.putNull("iou_grid");
        else o.put("iou_grid", m.iouGrid());
    }
}
