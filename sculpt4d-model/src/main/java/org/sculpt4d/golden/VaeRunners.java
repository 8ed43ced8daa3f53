package org.sculpt4d.golden;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sculpt4d.config.ConfigReader;
import org.sculpt4d.nn.FourierEmbedder;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.vae.DiagonalGaussianPosterior;
import org.sculpt4d.vae.GeometryField;
import org.sculpt4d.vae.PointSelection;
import org.sculpt4d.vae.QueryGrid;
import org.sculpt4d.vae.ShapeVAE;
import org.sculpt4d.vae.ShapeVaeConfig;

/**
 * Runners of the VAE modules of the golden table (golden-format.md): {@code fourier_embedder}, {@code vae.encoder},
 * {@code vae.decoder}, {@code vae.geo_decoder} and {@code volume}. The VAE modules' configs are ShapeVAE's constructor
 * arguments ({@link ShapeVaeConfig#fromMap}); each loads exactly its part's weights (no key missing, none extra) and
 * runs the batch one shape at a time.
 */
final class VaeRunners {
    private VaeRunners() {
    }

    /**
     * {@code points [B,P,3]} → {@code embedding [B,P,3+6·num_freqs]}. Config: upstream {@code FourierEmbedder}'s
     * {@code num_freqs} and {@code include_pi}; {@code logspace}, {@code input_dim}, {@code include_input} may be
     * given only with the values ShapeVAE uses (true, 3, true).
     */
    static Map<String, Computed> fourierEmbedder(GoldenBundle b) throws IOException {
        ConfigReader c = new ConfigReader(b.config(), b.path().toString());
        c.require("logspace", true);
        c.require("input_dim", 3);
        c.require("include_input", true);
        int numFreqs = c.integer("num_freqs");
        if (numFreqs < 0) throw b.problem("config num_freqs = " + numFreqs + " is negative");
        FourierEmbedder embedder = new FourierEmbedder(numFreqs, c.bool("include_pi"));
        c.rejectUnknown(List.of("num_freqs", "include_pi", "logspace", "input_dim", "include_input"), Set.of());
        return Map.of("embedding", Computed.of(embedder.forward(b.floats("points", -1, -1, 3))));
    }

    /**
     * {@code surface [B,P,3+point_feats]}, {@code data_index [B,P']}, {@code query_index [B,Q]} → {@code hidden}
     * (after ln_post), {@code mean}, {@code logvar} (clamped).
     */
    static Map<String, Computed> encoder(GoldenBundle b) throws IOException {
        ShapeVaeConfig c = ShapeVaeConfig.fromMap(b.config(), b.path().toString());
        ShapeVAE vae = ShapeVAE.load(b.weights(), c, ShapeVAE.Parts.ENCODER, true);
        Tensor surface = b.floats("surface", -1, -1, 3 + c.pointFeats());
        int batch = surface.dim(0);
        int[][] data = b.indexRows("data_index", batch), queries = b.indexRows("query_index", batch);
        List<Tensor> hidden = new ArrayList<>(), mean = new ArrayList<>(), logvar = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            Tensor h = vae.encodeHidden(surface.select(i), new PointSelection(data[i], queries[i]));
            DiagonalGaussianPosterior p = vae.posterior(h);
            hidden.add(h);
            mean.add(p.mean());
            logvar.add(p.logvar());
        }
        return Map.of("hidden", Computed.stack(hidden), "mean", Computed.stack(mean), "logvar", Computed.stack(logvar));
    }

    /** {@code z [B,L,embed_dim]} (already divided by scale_factor) → {@code latents [B,L,width]}. */
    static Map<String, Computed> decoder(GoldenBundle b) throws IOException {
        ShapeVaeConfig c = ShapeVaeConfig.fromMap(b.config(), b.path().toString());
        ShapeVAE vae = ShapeVAE.load(b.weights(), c, ShapeVAE.Parts.DECODER, true);
        Tensor z = b.floats("z", -1, -1, c.embedDim());
        List<Tensor> latents = new ArrayList<>();
        for (int i = 0; i < z.dim(0); i++) latents.add(vae.decode(z.select(i)));
        return Map.of("latents", Computed.stack(latents));
    }

    /** {@code latents [B,L,width]}, {@code queries [B,P,3]} → {@code logits [B,P,1]}. */
    static Map<String, Computed> geoDecoder(GoldenBundle b) throws IOException {
        ShapeVaeConfig c = ShapeVaeConfig.fromMap(b.config(), b.path().toString());
        ShapeVAE vae = ShapeVAE.load(b.weights(), c, ShapeVAE.Parts.GEO_DECODER, true);
        Tensor latents = b.floats("latents", -1, -1, c.width());
        Tensor queries = b.floats("queries", latents.dim(0), -1, 3);
        List<Tensor> logits = new ArrayList<>();
        for (int i = 0; i < latents.dim(0); i++) {
            float[] l = vae.field(latents.select(i)).logits(queries.select(i));
            logits.add(Tensor.wrap(l, l.length, 1));
        }
        return Map.of("logits", Computed.stack(logits));
    }

    /**
     * {@code latents [B,L,width]} → {@code grid [B,R+1,R+1,R+1]}: the geometry decoder on the query grid of spec §6.1.
     * Config: ShapeVAE's arguments plus {@code bounds} (a number b for [−b, b]³, or six numbers),
     * {@code octree_resolution} R and optionally {@code num_chunks} (queries per chunk; the result does not depend on it).
     */
    static Map<String, Computed> volume(GoldenBundle b) throws IOException {
        ConfigReader grid = new ConfigReader(b.config(), b.path().toString());
        QueryGrid queries = QueryGrid.of(grid.numbers("bounds"), grid.integer("octree_resolution"));
        int chunk = grid.integerOr("num_chunks", GeometryField.DEFAULT_CHUNK);
        Map<String, Object> vaeArgs = new LinkedHashMap<>(b.config());
        vaeArgs.keySet().removeAll(List.of("bounds", "octree_resolution", "num_chunks"));
        ShapeVaeConfig c = ShapeVaeConfig.fromMap(vaeArgs, b.path().toString());
        ShapeVAE vae = ShapeVAE.load(b.weights(), c, ShapeVAE.Parts.GEO_DECODER, true);
        Tensor latents = b.floats("latents", -1, -1, c.width());
        List<Tensor> grids = new ArrayList<>();
        for (int i = 0; i < latents.dim(0); i++) grids.add(vae.field(latents.select(i)).volume(queries, chunk));
        return Map.of("grid", Computed.stack(grids));
    }
}
