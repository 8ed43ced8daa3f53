package org.sculpt4d.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.sculpt4d.tensor.Tensor;

class PerHeadPackingProperties {

    /** Row r of part p of head h must come from packed row (h·parts + p)·d + r: checked row by row on labelled rows. */
    @Property(tries = 50)
    void headHPartPComesFromPackedBlockHTimesPartsPlusP(@ForAll @IntRange(min = 1, max = 5) int heads,
                                                        @ForAll @IntRange(min = 1, max = 3) int parts,
                                                        @ForAll @IntRange(min = 1, max = 4) int d,
                                                        @ForAll @IntRange(min = 1, max = 3) int in) {
        int rows = heads * parts * d;
        Tensor packed = Tensor.zeros(rows, in);
        for (int r = 0; r < rows; r++) for (int c = 0; c < in; c++) packed.set(r * 100 + c, r, c);
        Tensor[] split = PerHeadPacking.split(packed, heads, parts);
        assertEquals(parts, split.length);
        for (int p = 0; p < parts; p++) {
            for (int h = 0; h < heads; h++) {
                for (int r = 0; r < d; r++) {
                    int src = (h * parts + p) * d + r;
                    for (int c = 0; c < in; c++) assertEquals(src * 100 + c, split[p].get(h * d + r, c), 0f);
                }
            }
        }
    }
}
