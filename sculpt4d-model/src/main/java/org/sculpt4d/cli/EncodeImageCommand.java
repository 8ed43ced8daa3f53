package org.sculpt4d.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.sculpt4d.conditioning.DinoConfig;
import org.sculpt4d.conditioning.DinoImageEncoder;
import org.sculpt4d.conditioning.ImagePreprocessor;
import org.sculpt4d.nn.io.SafeTensorsWriter;
import org.sculpt4d.nn.io.StoredTensor;
import org.sculpt4d.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sculpt4d encode-image IMAGE OUT [--weights CKPT] [--config YAML] [--png PREVIEW]}: spec §4 on one RGBA image.
 * Writes {@code image [1,3,512,512]} (the preprocessed tensor) and, with weights, {@code cond [1,1370,1024]} (DINOv2's
 * last hidden state) to a safetensors file. Outputs appear only once complete.
 */
@Command(name = "encode-image", description = "Preprocess an RGBA image (and encode it with DINOv2 when given weights).")
final class EncodeImageCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "RGBA PNG whose alpha masks the object.")
    Path image;

    @Parameters(index = "1", paramLabel = "OUT", description = "The safetensors file to write (image, cond).")
    Path out;

    @Option(names = "--weights", paramLabel = "CKPT",
            description = "hunyuan3d-dit-v2-1 checkpoint (.ckpt or safetensors) or a conditioner state dict.")
    Path weights;

    @Option(names = "--config", paramLabel = "YAML",
            description = "config.yaml for the encoder settings (default: the released DINOv2-L at 518).")
    Path config;

    @Option(names = "--png", paramLabel = "PREVIEW", description = "Also write the preprocessed 512² image as a PNG.")
    Path preview;

    @Override
    public Integer call() throws IOException {
        ImagePreprocessor pre = ImagePreprocessor.hunyuan();
        Tensor pixels = pre.load(image);
        int s = pre.size();
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        tensors.put("image", StoredTensor.of(pixels.reshape(1, 3, s, s)));
        if (weights != null) {
            DinoConfig c = config == null ? DinoConfig.large() : DinoConfig.fromYaml(config);
            long t0 = System.nanoTime();
            Tensor cond = DinoImageEncoder.open(weights, c).encode(pixels);
            tensors.put("cond", StoredTensor.of(cond.reshape(1, cond.rows(), cond.cols())));
            System.out.printf("encoded %s: %d tokens × %d in %.1f s%n", image, cond.rows(), cond.cols(),
                    (System.nanoTime() - t0) / 1e9);
        }
        SafeTensorsWriter.write(out, tensors, Map.of("source", image.toString()));
        System.out.println("wrote " + out + ": " + String.join(", ", tensors.keySet()));
        if (preview != null) writePng(pixels, preview);
        return 0;
    }

    /** The [−1,1] tensor back to 8-bit RGB (exact: it came from 8-bit values), written to a temp file then moved. */
    private static void writePng(Tensor t, Path file) throws IOException {
        int h = t.dim(1), w = t.dim(2);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) rgb = rgb << 8 | Math.round((t.get(c, y, x) + 1f) / 2f * 255f);
                img.setRGB(x, y, rgb);
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(img, "png", tmp.toFile())) throw new IOException(file + ": no PNG writer");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        System.out.println("wrote " + file);
    }
}
