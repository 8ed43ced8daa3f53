package org.sculpt4d.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointConverterTest {
    @TempDir
    Path dir;

    @Test
    void convertedCheckpointReadsBackEqual() throws IOException {
        Path out = dir.resolve("all.safetensors");
        CheckpointConverter.Summary s = CheckpointConverter.convert(Fixtures.path("nested_f16.ckpt"), out, null);
        try (TorchCheckpoint in = TorchCheckpoint.open(Fixtures.path("nested_f16.ckpt"));
             SafeTensorsFile f = SafeTensorsFile.open(out)) {
            assertEquals(Map.of("format", "pt", "source", "nested_f16.ckpt"), f.metadata());
            assertEquals(in.stateDict().keys().stream().sorted().toList(), List.copyOf(f.stateDict().keys()));
            for (String k : in.stateDict().keys()) {
                StoredTensor t = f.stateDict().get(k);
                assertEquals(DType.F16, t.dtype(), "F16 kept as F16");
                Fixtures.assertSameTensor(in.stateDict().get(k), t, k);
            }
            assertEquals(new CheckpointConverter.Summary(in.stateDict().size(), in.stateDict().parameterCount(), Files.size(out)), s);
            TorchCheckpointTest.assertMatchesExpected("nested_f16", f.stateDict());
        }
    }

    @Test
    void selectWritesOnePartWithoutItsPrefix() throws IOException {
        Path out = dir.resolve("vae.safetensors");
        CheckpointConverter.convert(Fixtures.path("nested_f16.ckpt"), out, "vae");
        try (SafeTensorsFile f = SafeTensorsFile.open(out)) {
            assertEquals("vae", f.metadata().get("select"));
            assertEquals(List.of("geo_decoder.output_proj.bias", "geo_decoder.output_proj.weight", "post_kl.bias", "post_kl.weight"),
                    List.copyOf(f.stateDict().keys()));
        }
    }

    @Test
    void viewsAndMixedDtypesConvert() throws IOException {
        for (String name : new String[] {"views", "dtypes", "bf16", "ordered"}) {
            Path out = dir.resolve(name + ".safetensors");
            CheckpointConverter.convert(Fixtures.path(name + ".ckpt"), out, null);
            try (Checkpoint f = Checkpoint.open(out)) {
                TorchCheckpointTest.assertMatchesExpected(name, f.stateDict());
            }
        }
    }

    @Test
    void failuresWriteNothing() throws IOException {
        Path out = dir.resolve("out.safetensors");
        Path evil = Fixtures.path("malicious_os_system.ckpt");
        Fixtures.assertFormatError(evil, "refused global os.system", () -> CheckpointConverter.convert(evil, out, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointConverter.convert(Fixtures.path("nested_f16.ckpt"), out, "dit"));
        assertTrue(e.getMessage().contains("no tensors under 'dit.'"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }
}
