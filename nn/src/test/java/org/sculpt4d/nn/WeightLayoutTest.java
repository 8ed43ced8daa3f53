package org.sculpt4d.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sculpt4d.tensor.Tensor;

class WeightLayoutTest {
    private final Map<String, int[]> layout = new LinkedHashMap<>();

    WeightLayoutTest() {
        layout.put("a.weight", new int[] {3, 4});
        layout.put("a.bias", new int[] {3});
    }

    /** Counts in 64 bits: a 3-billion-parameter layout does not overflow. */
    @Test
    void countsFromShapes() {
        assertEquals(15, WeightLayout.parameterCount(layout));
        assertEquals(3L * 65536 * 16384, WeightLayout.parameterCount(Map.of("big", new int[] {3, 65536, 16384})));
    }

    /** In layout order, then the unexpected keys sorted. */
    @Test
    void namesEveryProblem() {
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("a.weight", Tensor.zeros(4, 3));
        w.put("b.weight", Tensor.zeros(2));
        Weights source = Weights.of("file.safetensors", w);
        WeightLoadException e = assertThrows(WeightLoadException.class, () -> WeightLayout.check(source, layout, true));
        assertEquals(List.of("shape of a.weight is [4, 3], expected [3, 4]", "missing a.bias [3]",
                "unexpected b.weight [2]"), e.problems());
        assertEquals(2, assertThrows(WeightLoadException.class, () -> WeightLayout.check(source, layout, false))
                .problems().size());
    }
}
