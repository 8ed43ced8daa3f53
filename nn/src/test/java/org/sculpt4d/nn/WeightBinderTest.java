package org.sculpt4d.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sculpt4d.tensor.Tensor;

class WeightBinderTest {

    @Test
    void reportsEveryMissingMisShapedAndUnexpectedKeyAtOnce() {
        Weights w = Weights.of("vae.safetensors", Map.of(
                "enc.proj.weight", Tensor.zeros(4, 3),
                "enc.proj.bias", Tensor.zeros(5),
                "enc.extra", Tensor.zeros(2)));
        WeightBinder b = new WeightBinder(w);
        Linear.load(b.at("enc").at("proj"), 3, 4, true);
        b.at("enc").take("norm.weight", 4);
        WeightLoadException e = assertThrows(WeightLoadException.class, () -> b.finish(true, ""));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("vae.safetensors: 3 problems"), e.getMessage());
        assertTrue(e.getMessage().contains("shape of enc.proj.bias is [5], expected [4]"), e.getMessage());
        assertTrue(e.getMessage().contains("missing enc.norm.weight [4]"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected enc.extra [2]"), e.getMessage());
    }

    @Test
    void nonStrictIgnoresKeysNobodyAskedFor() {
        Weights w = Weights.of("x", Map.of("a.weight", Tensor.zeros(2, 2), "other", Tensor.zeros(1)));
        WeightBinder b = new WeightBinder(w);
        b.at("a").take("weight", 2, 2);
        b.finish(false, "");
        assertThrows(WeightLoadException.class, () -> b.finish(true, ""));
        b.finish(true, "a.");
    }
}
