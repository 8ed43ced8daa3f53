package org.sculpt4d.conditioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

class DinoImageEncoderTest {

    private static Tensor image(long seed, int side) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(3, side, side);
        for (int i = 0; i < t.size(); i++) t.data()[i] = (float) (2 * r.nextDouble() - 1);
        return t;
    }

    /** With every LayerScale λ = 0 the residual branches vanish: the output is the final LayerNorm of the embeddings. */
    @Test
    void zeroLayerScaleLeavesOnlyTheFinalNorm() {
        DinoConfig c = RandomDino.config(2, 3, 3, true);
        Map<String, Tensor> w = RandomDino.weights(c, 7, 0f);
        DinoImageEncoder enc = DinoImageEncoder.load(RandomDino.of(w), c, true);
        Tensor img = image(3, 30);
        String p = DinoLayout.PREFIX;
        Tensor want = Ops.layerNorm(enc.embed(img), w.get(p + "layernorm.weight"), w.get(p + "layernorm.bias"), 1e-6f);
        assertArrayEquals(want.toArray(), enc.encode(img).toArray(), 1e-6f);
    }

    /** The first embedding row is CLS + its position row; without use_cls_token the output is the patch tokens only. */
    @Test
    void clsTokenPlacement() {
        DinoConfig with = RandomDino.config(1, 3, 3, true), without = RandomDino.config(1, 3, 3, false);
        Map<String, Tensor> w = RandomDino.weights(with, 11, 0.7f);
        DinoImageEncoder a = DinoImageEncoder.load(RandomDino.of(w), with, true);
        DinoImageEncoder b = DinoImageEncoder.load(RandomDino.of(w), without, true);
        Tensor img = image(5, 42);
        String p = DinoLayout.PREFIX;
        Tensor cls = Ops.add(w.get(p + "embeddings.cls_token").reshape(16),
                w.get(p + "embeddings.position_embeddings").reshape(10, 16).select(0));
        assertArrayEquals(cls.toArray(), a.embed(img).select(0).toArray(), 1e-6f);
        Tensor full = a.encode(img);
        assertArrayEquals(new int[] {10, 16}, full.shape());
        assertArrayEquals(full.slice(1, 10).toArray(), b.encode(img).toArray(), 1e-6f);
    }

    /** The unconditional embedding is zeros of the conditional shape (spec §4.2, §9.8). */
    @Test
    void unconditionalIsZeros() {
        DinoConfig c = RandomDino.config(1, 2, 2, true);
        DinoImageEncoder enc = DinoImageEncoder.load(RandomDino.of(RandomDino.weights(c, 2, 1f)), c, true);
        Tensor u = enc.unconditional();
        assertArrayEquals(enc.encode(image(1, 20)).shape(), u.shape());
        for (float f : u.toArray()) assertEquals(0f, f);
        assertEquals(1370, DinoConfig.large().tokens());
    }

    @Test
    void rejectsNonSquareInput() {
        DinoConfig c = RandomDino.config(1, 2, 2, true);
        DinoImageEncoder enc = DinoImageEncoder.load(RandomDino.of(RandomDino.weights(c, 2, 1f)), c, true);
        assertThrows(IllegalArgumentException.class, () -> enc.encode(Tensor.zeros(3, 28, 30)));
    }
}
