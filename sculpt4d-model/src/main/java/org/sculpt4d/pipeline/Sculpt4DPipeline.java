package org.sculpt4d.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.sculpt4d.conditioning.DinoImageEncoder;
import org.sculpt4d.dit.Dit4D;
import org.sculpt4d.dit.DitConfig;
import org.sculpt4d.flops.DitFlops;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.mask4d.FrameMask;
import org.sculpt4d.sampler.FlowMatchEulerSampler;
import org.sculpt4d.sampler.FlowMatchSchedule;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.vae.GeometryField;

/**
 * Sculpt4D's generation, image sequence → mesh sequence, read top to bottom like the paper:
 * <pre>
 *   cond[t]   = DINOv2(preprocess(image[t]))                      hunyuan3d21-shape.md §4, one frame at a time
 *   x₀        = randn([1, N, C]) broadcast to every frame            sculpt4d-method.md §3 (or one draw per frame)
 *   x₁        = Euler flow matching of the 4D DiT from x₀            §5.3; frames jointly, under the 4D mask (§1–2)
 *   mesh[t]   = marching cubes(geo_decoder(decoder(x₁[t] / s)))      §6, one frame at a time, one level for all
 * </pre>
 * Only the DiT sees all frames at once; everything per frame is streamed, so memory grows with T only through the
 * DiT's token sequence. Each stage's wall time, the mask's density and the FLOPs go to the {@link RunManifest}.
 */
public final class Sculpt4DPipeline {
    private final ShapeModels models;
    private final GenerateSettings settings;
    private final RunManifest manifest;

    public Sculpt4DPipeline(ShapeModels models, GenerateSettings settings, RunManifest manifest) {
        this.models = models;
        this.settings = settings;
        this.manifest = manifest;
    }

    /** The generated sequence and the final latents {@code [1, T, N, C]} (diffusion space, before ÷ scale factor). */
    public record Result(MeshSequence meshes, Tensor latents) {
    }

    /** {@code images}: per frame, the preprocessed RGB tensor {@code [3, S, S]} in [−1, 1] (see ImagePreprocessor). */
    public Result generate(List<Tensor> images) {
        Tensor cond = condition(images);
        Tensor latents = sample(cond);
        return new Result(shapes(latents), latents);
    }

    /** DINOv2 tokens of every frame: {@code [1, T, S, D]}. */
    public Tensor condition(List<Tensor> images) {
        if (images.isEmpty()) throw new IllegalArgumentException("no input frames");
        long t0 = System.nanoTime();
        DinoImageEncoder encoder = models.conditioner();
        Tensor cond = null;
        try (Progress bar = Progress.on("images", images.size(), settings.quiet())) {
            for (int t = 0; t < images.size(); t++) {
                Tensor tokens = encoder.encode(images.get(t));
                if (cond == null) cond = Tensor.zeros(1, images.size(), tokens.rows(), tokens.cols());
                System.arraycopy(tokens.toArray(), 0, cond.data(), t * tokens.size(), tokens.size());
                bar.advance(1);
            }
        }
        manifest.stage("conditioning", seconds(t0));
        return cond;
    }

    /** The 4D flow-matching sampler from the initial noise to latents {@code [1, T, N, C]}. */
    public Tensor sample(Tensor cond) {
        long t0 = System.nanoTime();
        DitConfig c = models.dit().config();
        int frames = cond.dim(1), tokens = c.inputSize();
        FrameMask mask = settings.mask().mask(settings.maskSettings());
        Dit4D dit4d = new Dit4D(models.dit(), mask, settings.maskSettings());
        FlowMatchEulerSampler sampler = new FlowMatchEulerSampler(FlowMatchSchedule.of(settings.steps()),
                settings.guidance(), settings.skipZeroSteps());
        double density = settings.mask().computedDensity(settings.maskSettings(), frames, tokens);
        DitFlops flops = new DitFlops(DitFlops.Dims.of(c, cond.dim(2)), frames, tokens, density);
        manifest.figure("mask_density", density)
                .figure("dit_tflops", flops.generation(sampler.modelCalls(), sampler.guided()) / 1e12)
                .figure("dit_tflops_full_attention",
                        flops.withDensity(1).generation(sampler.modelCalls(), sampler.guided()) / 1e12);
        Tensor noise = settings.noise().draw(settings.seed(), 1, frames, tokens, c.inChannels());
        Tensor latents;
        try (Progress bar = Progress.on("sampling", sampler.modelCalls(), settings.quiet())) {
            latents = sampler.sample(dit4d, noise, cond, (step, x) -> bar.advance(1));
        }
        manifest.stage("sampling", seconds(t0));
        return latents;
    }

    /** Per frame: ÷ scale factor, VAE decoder, geometry field on the grid, marching cubes (spec §5.3, §6). */
    public MeshSequence shapes(Tensor latents) {
        long t0 = System.nanoTime();
        int frames = latents.dim(1), n = latents.dim(2), channels = latents.dim(3);
        List<TriangleMesh> meshes = new ArrayList<>(frames);
        Tensor perFrame = latents.reshape(frames, n, channels);
        ShapeExtraction extraction = settings.extraction();
        try (Progress bar = Progress.on("shapes", frames, settings.quiet())) {
            for (int t = 0; t < frames; t++) {
                GeometryField field = models.vae().field(models.vae().decode(frameLatents(perFrame, t)));
                if (t == 0 && Float.isNaN(extraction.level())) {
                    extraction = extraction.withLevel(extraction.levelEnclosing(field, ShapeExtraction.UNTRAINED_INSIDE));
                }
                meshes.add(extraction.extract(field).toMesh());
                bar.advance(1);
            }
        }
        manifest.figure("mc_level", extraction.level());
        manifest.stage("shapes", seconds(t0));
        return new MeshSequence(meshes);
    }

    /** Frame t's latents in the VAE's space: {@code x₁[t] / scale_factor}, {@code [N, C]}. */
    private Tensor frameLatents(Tensor perFrame, int t) {
        return models.vae().unscale(perFrame.narrow(0, t, 1).reshape(perFrame.dim(1), perFrame.dim(2)));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
