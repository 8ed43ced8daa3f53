package org.sculpt4d.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sculpt4d.conditioning.DinoConfig;
import org.sculpt4d.dit.DitConfig;
import org.sculpt4d.mask4d.Mask4DPreset;
import org.sculpt4d.mask4d.MaskSettings;
import org.sculpt4d.sampler.FlowMatchEulerSampler;
import org.sculpt4d.sampler.FlowMatchSchedule;
import org.sculpt4d.sampler.InitialNoise;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.vae.ShapeVaeConfig;

/** The generation pipeline on tiny seeded models: its 4D properties, its 3D special case, its manifest. */
public class Sculpt4DPipelineTest {
    /** A tiny seeded model: DINOv2 hidden 16 at 28² (5 tokens), DiT hidden 16 on 8 tokens of 4 channels, VAE width 16. */
    public static ShapeModels tiny(long seed) {
        DinoConfig ic = new DinoConfig(16, 1, 2, 4, 14, 28, 1e-6, true, 28, true);
        DitConfig dc = new DitConfig(8, 4, 16, 16, 3, 2, true, DitConfig.QkNormType.RMS, false, 1, 2, 1);
        ShapeVaeConfig r = ShapeVaeConfig.released();
        ShapeVaeConfig vc = new ShapeVaeConfig(8, 4, 2, true, 2, 16, 1, 1, false, true, r.pointFeats(), r.pcSize(),
                r.pcSharpedgeSize(), 2, true, r.downsampleRatio(), r.scaleFactor());
        return ShapeModels.seeded(ic, dc, vc, seed);
    }

    static GenerateSettings settings(Mask4DPreset mask, InitialNoise noise) {
        return new GenerateSettings(3, 5f, 7, mask, MaskSettings.DEFAULT.withBlockSize(3), noise, false,
                new ShapeExtraction(1.01, 12, Float.NaN, false, false), true);
    }

    /** A deterministic RGB image {@code [3, S, S]} in [−1, 1]; {@code phase} changes it. */
    static Tensor image(int size, int phase) {
        Tensor t = Tensor.zeros(3, size, size);
        for (int i = 0; i < t.size(); i++) t.data()[i] = (float) Math.sin(0.37 * i + phase);
        return t;
    }

    private static Sculpt4DPipeline.Result run(GenerateSettings s, List<Tensor> images) {
        return new Sculpt4DPipeline(tiny(3), s, new RunManifest("test", Map.of())).generate(images);
    }

    private static float[] frame(Tensor latents, int t) {
        int n = latents.dim(2) * latents.dim(3);
        return Arrays.copyOfRange(latents.toArray(), t * n, (t + 1) * n);
    }

    /**
     * Two identical frames under a mask that treats both alike (at T = 2 the anchor makes every preset but
     * temporal-only full) and shared noise stay identical, latents and meshes; independent noise separates them.
     */
    @Test
    void identicalFramesWithSharedNoiseStayIdentical() {
        List<Tensor> images = List.of(image(32, 0), image(32, 0));
        Sculpt4DPipeline.Result shared = run(settings(Mask4DPreset.SCULPT4D, InitialNoise.SHARED), images);
        assertArrayEquals(frame(shared.latents(), 0), frame(shared.latents(), 1));
        assertArrayEquals(shared.meshes().frame(0).positions(), shared.meshes().frame(1).positions());
        assertTrue(shared.meshes().frame(0).faceCount() > 0, "the level enclosing 10% of the box gives a surface");

        Sculpt4DPipeline.Result independent = run(settings(Mask4DPreset.SCULPT4D, InitialNoise.INDEPENDENT), images);
        assertFalse(Arrays.equals(frame(independent.latents(), 0), frame(independent.latents(), 1)));
    }

    /** Different pictures give different latents for their frames, with the same noise. */
    @Test
    void theConditionReachesEachFrame() {
        Sculpt4DPipeline.Result r = run(settings(Mask4DPreset.SCULPT4D, InitialNoise.SHARED), List.of(image(32, 0), image(32, 1)));
        assertFalse(Arrays.equals(frame(r.latents(), 0), frame(r.latents(), 1)));
    }

    /**
     * One frame is Hunyuan3D 2.1 image-to-shape: the same latents, bit for bit, as the 3D DiT sampled from the same
     * torch.randn noise with the same condition.
     */
    @Test
    void oneFrameIsTheThreeDimensionalPipeline() {
        ShapeModels m = tiny(3);
        GenerateSettings s = settings(Mask4DPreset.SCULPT4D, InitialNoise.SHARED);
        Sculpt4DPipeline p = new Sculpt4DPipeline(m, s, new RunManifest("test", Map.of()));
        Tensor cond = p.condition(List.of(image(32, 2)));
        Tensor latents = p.sample(cond);

        DitConfig c = m.dit().config();
        Tensor noise = InitialNoise.SHARED.draw(s.seed(), 1, 1, c.inputSize(), c.inChannels())
                .reshape(1, c.inputSize(), c.inChannels());
        Tensor expected = new FlowMatchEulerSampler(FlowMatchSchedule.of(s.steps()), s.guidance())
                .sample(m.dit()::forward, noise, cond.reshape(1, cond.dim(2), cond.dim(3)));
        assertArrayEquals(expected.toArray(), latents.toArray());
    }

    /** The same seed gives the same run; the manifest names the stages, the mask's density and the level. */
    @Test
    void deterministicAndAccounted() throws IOException {
        GenerateSettings s = settings(Mask4DPreset.NO_SINK, InitialNoise.SHARED);
        List<Tensor> images = List.of(image(32, 0), image(32, 1), image(32, 2));
        RunManifest manifest = new RunManifest("test", Map.of());
        Sculpt4DPipeline.Result a = new Sculpt4DPipeline(tiny(3), s, manifest).generate(images);
        Sculpt4DPipeline.Result b = run(s, images);
        assertArrayEquals(a.latents().toArray(), b.latents().toArray());
        for (int t = 0; t < 3; t++) assertArrayEquals(a.meshes().frame(t).faces(), b.meshes().frame(t).faces());

        JsonNode json = new ObjectMapper().readTree(manifest.toJson());
        for (String stage : List.of("conditioning", "sampling", "shapes")) {
            assertTrue(json.at("/stage_seconds/" + stage).asDouble() > 0, stage);
        }
        assertEquals(Mask4DPreset.NO_SINK.computedDensity(s.maskSettings(), 3, 8), json.at("/figures/mask_density").asDouble());
        assertTrue(json.at("/figures/dit_tflops").asDouble() <= json.at("/figures/dit_tflops_full_attention").asDouble());
        assertTrue(Double.isFinite(json.at("/figures/mc_level").asDouble()));
    }

    /** A DiT whose in_channels differ from the VAE's embed_dim is refused, naming both. */
    @Test
    void mismatchedModelsAreRefused() {
        DinoConfig ic = new DinoConfig(16, 1, 2, 4, 14, 28, 1e-6, true, 28, true);
        DitConfig dc = new DitConfig(8, 6, 16, 16, 1, 2, false, DitConfig.QkNormType.RMS, false, 0, 1, 1);
        ShapeVaeConfig vc = ShapeVaeConfig.released().withLatents(8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShapeModels.seeded(ic, dc, vc, 1));
        assertTrue(e.getMessage().contains("in_channels 6") && e.getMessage().contains("embed_dim 64"), e.getMessage());
    }
}
