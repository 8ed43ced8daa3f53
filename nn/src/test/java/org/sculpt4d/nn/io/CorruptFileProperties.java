package org.sculpt4d.nn.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** A damaged file either still reads or fails with a {@link CheckpointFormatException} naming it: never anything else. */
class CorruptFileProperties {

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of("nested_f16.ckpt", "views.ckpt", "ordered.ckpt", "dtypes.expected.safetensors");
    }

    @Property(tries = 3000) // 60,000 tries passed when this was written (72 s); 3,000 keep the default run short
    void flippedBytesAndTruncationFailCleanly(
            @ForAll("fixtures") String name,
            @ForAll @IntRange(min = 0, max = 1_000_000) int where, @ForAll byte value, @ForAll boolean truncate)
            throws IOException {
        byte[] b = Files.readAllBytes(Fixtures.path(name));
        int at = where % b.length;
        if (truncate) b = Arrays.copyOf(b, at);
        else b[at] = value;
        Path p = Files.createTempFile("corrupt", name);
        try {
            Files.write(p, b);
            try (Checkpoint c = Checkpoint.open(p)) {
                for (StoredTensor t : c.stateDict().tensors().values()) {
                    if (t.dtype().isFloatingPoint()) t.toFloat();
                    else t.toLongs();
                }
            } catch (CheckpointFormatException e) {
                assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
            }
        } finally {
            Files.delete(p);
        }
    }
}
