package org.sculpt4d.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sculpt4d.nn.WeightLoadException;
import org.sculpt4d.nn.io.StoredTensor;

/**
 * Checks golden bundles (golden-format.md): opens a bundle, finds the runner registered for its module, runs it and
 * compares every output under the bundle's tolerances. A registry: the table's modules are added by
 * {@link #with(String, ModuleRunner)}, so new ones plug in beside the standard ones. Anything that keeps a
 * bundle from being checked (unknown format or module, a config key or value not implemented, missing or extra
 * weights, inputs or outputs) is a one-line {@link GoldenBundleException}; numeric disagreement is a failed
 * {@link OutputCheck}, never an exception.
 */
public final class GoldenCheck {
    private final Map<String, ModuleRunner> runners;

    private GoldenCheck(Map<String, ModuleRunner> runners) {
        this.runners = Collections.unmodifiableMap(runners);
    }

    /** No modules. */
    public static GoldenCheck empty() {
        return new GoldenCheck(new TreeMap<>());
    }

    /**
     * The modules this port implements: the Fourier embedder, FPS, the VAE stack, volume, marching cubes, the DiT, the 4D mask, DiT and sampler and
     * the image conditioner (preprocessing, DINOv2).
     */
    public static GoldenCheck standard() {
        return empty()
                .with("fourier_embedder", VaeRunners::fourierEmbedder)
                .with("fps", GeometryRunners::farthestPointSampling)
                .with("vae.encoder", VaeRunners::encoder)
                .with("vae.decoder", VaeRunners::decoder)
                .with("vae.geo_decoder", VaeRunners::geoDecoder)
                .with("volume", VaeRunners::volume)
                .with("marching_cubes", GeometryRunners::marchingCubes)
                .with("dit.timestep", DitRunners::timestep)
                .with("dit", DitRunners::dit)
                .with("mask4d", FourDRunners::mask)
                .with("dit4d", FourDRunners::dit4d)
                .with("sampler", FourDRunners::sampler)
                .with("image_preprocess", ConditioningRunners::imagePreprocess)
                .with("dinov2", ConditioningRunners::dinov2);
    }

    /** A copy with {@code runner} registered for {@code module} (replacing any earlier one). */
    public GoldenCheck with(String module, ModuleRunner runner) {
        Map<String, ModuleRunner> m = new TreeMap<>(runners);
        m.put(module, runner);
        return new GoldenCheck(m);
    }

    public Set<String> modules() {
        return runners.keySet();
    }

    /** Checks one bundle. */
    public BundleReport check(Path file) throws IOException {
        try (GoldenBundle bundle = GoldenBundle.open(file)) {
            ModuleRunner runner = runners.get(bundle.module());
            if (runner == null) {
                throw bundle.problem("unknown module '" + bundle.module() + "' (this reader runs " + modules() + ")");
            }
            Map<String, Computed> computed = run(bundle, runner);
            bundle.requireAllUsed();
            Map<String, StoredTensor> expected = bundle.outputs();
            Set<String> missing = new TreeSet<>(computed.keySet());
            missing.removeAll(expected.keySet());
            if (!missing.isEmpty()) throw bundle.problem("the bundle lacks output(s) " + missing + " of " + bundle.module());
            Set<String> extra = new TreeSet<>(expected.keySet());
            extra.removeAll(computed.keySet());
            if (!extra.isEmpty()) throw bundle.problem("module " + bundle.module() + " has no output(s) " + extra);
            List<OutputCheck> checks = new ArrayList<>();
            for (Map.Entry<String, StoredTensor> e : expected.entrySet()) {
                checks.add(OutputCheck.compare(e.getKey(), computed.get(e.getKey()), e.getValue(), bundle.rtol(),
                        bundle.atol()));
            }
            return new BundleReport(file, bundle.module(), bundle.rtol(), bundle.atol(), checks);
        }
    }

    /** Runs {@code runner}, turning the ways a model refuses a bundle into one-line bundle errors. */
    private static Map<String, Computed> run(GoldenBundle bundle, ModuleRunner runner) throws IOException {
        try {
            return runner.run(bundle);
        } catch (WeightLoadException e) {
            throw bundle.problem("weights: " + String.join("; ", e.problems()), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().replace('\n', ' ');
            String prefix = bundle.path() + ": ";
            throw bundle.problem(msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg, e);
        }
    }
}
