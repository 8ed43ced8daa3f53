package org.sculpt4d.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.sculpt4d.tensor.Tensor;

class FourierEmbedderProperties {

    /** Layout of spec §2.5: [x, y, z, sin(x·2^0..x·2^(F-1), y·.., z·..), cos(...)] with float32 products. */
    @Property(tries = 100)
    void layoutIsCoordinateMajorSinThenCos(@ForAll @FloatRange(min = -1.01f, max = 1.01f) float x,
                                           @ForAll @FloatRange(min = -1.01f, max = 1.01f) float y,
                                           @ForAll @FloatRange(min = -1.01f, max = 1.01f) float z,
                                           @ForAll @IntRange(min = 1, max = 10) int nf, @ForAll boolean pi) {
        FourierEmbedder fe = new FourierEmbedder(nf, pi);
        Tensor e = fe.forward(Tensor.wrap(new float[] {x, y, z}, 1, 3));
        assertEquals(3 + 6 * nf, e.dim(1));
        float[] p = {x, y, z};
        for (int c = 0; c < 3; c++) {
            assertEquals(p[c], e.get(0, c), 0f);
            for (int j = 0; j < nf; j++) {
                float f = (float) Math.pow(2, j);
                if (pi) f *= (float) Math.PI;
                float arg = p[c] * f; // rounded to float32 first, as upstream
                assertEquals((float) Math.sin(arg), e.get(0, 3 + c * nf + j), 0f);
                assertEquals((float) Math.cos(arg), e.get(0, 3 + 3 * nf + c * nf + j), 0f);
            }
        }
    }
}
