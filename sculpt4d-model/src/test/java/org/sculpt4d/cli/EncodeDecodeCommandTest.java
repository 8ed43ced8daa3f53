package org.sculpt4d.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.io.MeshFiles;
import org.sculpt4d.nn.io.SafeTensorsFile;
import org.sculpt4d.nn.io.SafeTensorsWriter;
import org.sculpt4d.nn.io.StoredTensor;
import org.sculpt4d.sequence.ConsistentSurfaceSampler;
import org.sculpt4d.sequence.SurfaceSequence;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.vae.RandomVae;
import org.sculpt4d.vae.ShapeVAE;
import org.sculpt4d.vae.ShapeVaeConfig;

/** sample's surfaces → encode → decode, with a small random VAE given by weights file and config.yaml. */
class EncodeDecodeCommandTest {
    @TempDir
    Path dir;

    private final ShapeVaeConfig config = RandomVae.config(3);

    private Path configYaml() throws IOException {
        String params = config.toMap().entrySet().stream().map(e -> "  " + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n"));
        return Files.writeString(dir.resolve("config.yaml"), "target: hy3dshape.models.autoencoders.ShapeVAE\nparams:\n"
                + params + "\n");
    }

    private Path surfaces() throws IOException {
        TriangleMesh cube = MeshFiles.read(cubeFile());
        SurfaceSequence s = new ConsistentSurfaceSampler(config.pcSize(), Math.max(config.pcSharpedgeSize(), 0),
                ConsistentSurfaceSampler.Mode.CONSISTENT, true).sample(new MeshSequence(List.of(cube, cube)), 1);
        Path file = dir.resolve("surfaces.safetensors");
        SafeTensorsWriter.write(file, Map.of("surface", StoredTensor.of(s.stacked())), Map.of());
        return file;
    }

    /** A cube of 12 triangles written as OBJ. */
    private Path cubeFile() throws IOException {
        float[] v = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1};
        int[] f = {0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4, 2, 3, 7, 2, 7, 6, 1, 2, 6, 1, 6, 5, 0, 4, 7, 0, 7, 3};
        Path file = dir.resolve("cube.obj");
        MeshFiles.write(file, new TriangleMesh(v, f));
        return file;
    }

    @Test
    void encodeThenDecode() throws IOException {
        Path weights = RandomVae.write(dir, config, ShapeVAE.Parts.ALL, 3);
        Path yaml = configYaml();
        Path latents = dir.resolve("latents.safetensors");
        MainTest.Run enc = MainTest.run("encode", "--surfaces", surfaces().toString(), "--weights", weights.toString(),
                "--config", yaml.toString(), "--out", latents.toString());
        assertEquals(0, enc.code(), enc.err());
        Tensor z;
        try (SafeTensorsFile f = SafeTensorsFile.open(latents)) {
            z = f.stateDict().get("latents").toFloat();
        }
        assertArrayEquals(new int[] {2, config.numLatents(), config.embedDim()}, z.shape());
        // a still sequence with frame-0 queries and shared noise: both frames have the same latents
        assertArrayEquals(z.select(0).toArray(), z.select(1).toArray());

        Path out = dir.resolve("meshes");
        MainTest.Run dec = MainTest.run("decode", "--latents", latents.toString(), "--weights", weights.toString(),
                "--config", yaml.toString(), "--out", out.toString(), "--octree-resolution", "24", "--quiet");
        assertTrue(Files.exists(out.resolve("decode.json")), dec.err());
        if (dec.code() == 0) {
            TriangleMesh m0 = MeshFiles.read(out.resolve("frame-000.obj"));
            TriangleMesh m1 = MeshFiles.read(out.resolve("frame-001.obj"));
            assertArrayEquals(m0.positions(), m1.positions());
        } else {
            assertTrue(dec.err().contains("has no surface"), dec.err());
        }
    }

    @Test
    void wrongLatentShapeIsOneLine() throws IOException {
        Path weights = RandomVae.write(dir, config, ShapeVAE.Parts.ALL, 3);
        Path latents = dir.resolve("bad.safetensors");
        SafeTensorsWriter.write(latents, Map.of("latents", StoredTensor.of(Tensor.zeros(1, 3, 5))), Map.of());
        MainTest.Run dec = MainTest.run("decode", "--latents", latents.toString(), "--weights", weights.toString(),
                "--config", configYaml().toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, dec.code());
        assertTrue(dec.err().contains("latents"), dec.err());
        assertEquals(1, dec.err().strip().lines().count(), dec.err());
    }
}
