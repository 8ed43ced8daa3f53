package org.sculpt4d.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sculpt4d.mask4d.FrameLayout;
import org.sculpt4d.mask4d.FrameMask;
import org.sculpt4d.mask4d.Mask4DPreset;
import org.sculpt4d.mask4d.MaskPicture;
import org.sculpt4d.mask4d.MaskSettings;
import org.sculpt4d.tensor.BlockMask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sculpt4d mask}: compiles a 4D self-attention mask (sculpt4d-method.md §2) over a frame layout, prints its
 * token and block densities and optionally draws the block mask as a PNG.
 */
@Command(name = "mask", description = "Compile a 4D attention mask preset, print its densities, optionally draw it.")
final class MaskCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--frames", defaultValue = "16", description = "Frames T (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--tokens", defaultValue = "4096", description = "Latent tokens N per frame (default ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--preset", defaultValue = "sculpt4d", paramLabel = "PRESET",
            description = "Mask preset: sculpt4d, no-sink, fixed-stride, temporal-only, full (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--block", paramLabel = "B", description = "Latent tokens per block (default 88).")
    Integer block;

    @Option(names = "--half-life", paramLabel = "H", description = "Frames over which the diagonal band halves (default 4).")
    Double halfLife;

    @Option(names = "--no-anchor-row", description = "Frame 0 does not attend every frame.")
    boolean noAnchorRow;

    @Option(names = "--no-anchor-column", description = "Frames do not attend frame 0.")
    boolean noAnchorColumn;

    @Option(names = "--png", paramLabel = "FILE", description = "Draw the block mask: kept blocks dark, frame boundaries red.")
    Path png;

    @Option(names = "--size", defaultValue = "800", paramLabel = "PIXELS",
            description = "Approximate picture size in pixels (default ${DEFAULT-VALUE}; at least 1 pixel per block).")
    int size;

    @Override
    public Integer call() throws IOException {
        Mask4DPreset p;
        MaskSettings s = MaskSettings.DEFAULT;
        FrameLayout layout;
        try {
            p = Mask4DPreset.parse(preset);
            if (block != null) s = s.withBlockSize(block);
            if (halfLife != null) s = s.withHalfLife(halfLife);
            s = s.withAnchor(s.anchorRow() && !noAnchorRow, s.anchorColumn() && !noAnchorColumn);
            layout = s.layout(frames, tokens);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (size < 1) throw new ParameterException(spec.commandLine(), "--size must be positive, got " + size);
        FrameMask mask = p.mask(s);
        BlockMask blocks = mask.compile(layout);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "mask %s: T = %d frames x (N = %d + 1 time token) = %d tokens, block %d: %d blocks (%d per frame)%n",
                p.id(), frames, tokens, layout.sequenceLength(), s.blockSize(), layout.blocks(), layout.blocksPerFrame());
        out.printf(Locale.ROOT, "token density %.6f, block density %.6f (%d of %d tiles kept)%n", mask.density(layout),
                blocks.density(), blocks.keptTiles(), (long) layout.blocks() * layout.blocks());
        out.printf(Locale.ROOT, "computed by the kernel: %.6f (%s)%n", p.computedDensity(s, frames, tokens),
                mask.positionAligned(layout) ? "position-aligned kernel, exactly the kept pairs" : "block-sparse kernel");
        if (png != null) {
            MaskPicture picture = new MaskPicture(layout, MaskPicture.cellFor(layout, size));
            try {
                picture.draw(blocks).writePng(png);
            } catch (IOException e) {
                throw new IOException("cannot write " + png + ": " + e.getMessage(), e);
            }
            out.printf(Locale.ROOT, "wrote %s (%d x %d pixels)%n", png, picture.size(), picture.size());
        }
        out.flush();
        return 0;
    }
}
