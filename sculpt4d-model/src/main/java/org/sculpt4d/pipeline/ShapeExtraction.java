package org.sculpt4d.pipeline;

import java.util.Arrays;
import org.sculpt4d.geometry.mc.IsoSurface;
import org.sculpt4d.geometry.mc.MarchingCubes;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.vae.CoarseToFineVolume;
import org.sculpt4d.vae.GeometryField;
import org.sculpt4d.vae.QueryGrid;
import org.sculpt4d.vae.ShapeVAE;

/**
 * VAE latents of one shape to a mesh (hunyuan3d21-shape.md §6): the decoder ({@code post_kl} + self-attention), the
 * geometry field on the query grid (box ±{@code bounds}, R cells per axis), densely or coarse-to-fine, and marching
 * cubes at {@code level} with outward faces. The world mapping is the correct ÷R unless {@code hunyuanCompat} asks
 * for upstream's ÷(R+1) (§6.2).
 *
 * @param bounds        half side of the query box (upstream {@code box_v} 1.01)
 * @param resolution    R, upstream's {@code octree_resolution}
 * @param level         upstream's {@code mc_level}; NaN: the level that leaves {@link #UNTRAINED_INSIDE} of the box inside
 *                      (see {@link #levelEnclosing}), for untrained models whose field has no meaningful zero
 * @param coarseToFine  {@link CoarseToFineVolume} instead of the dense decode (same mesh, see there)
 * @param hunyuanCompat upstream's ÷(R+1) vertex mapping
 */
public record ShapeExtraction(double bounds, int resolution, float level, boolean coarseToFine, boolean hunyuanCompat) {
    /** Upstream's defaults: box ±1.01, R = 256, level 0; dense; correct mapping. */
    public static ShapeExtraction defaults() {
        return new ShapeExtraction(1.01, 256, 0f, false, false);
    }

    /** The same extraction at another level. */
    public ShapeExtraction withLevel(float newLevel) {
        return new ShapeExtraction(bounds, resolution, newLevel, coarseToFine, hunyuanCompat);
    }

    /** The share of the box an untrained model's shape encloses when the level is NaN: a closed blob, not a sheet. */
    public static final double UNTRAINED_INSIDE = 0.1;

    /**
     * The level above which {@code inside} of {@code field} lies, on a 16³ grid of the box: where an untrained model's
     * field, which has no meaningful zero, encloses that share of the box.
     */
    public float levelEnclosing(GeometryField field, double inside) {
        float[] v = field.volume(QueryGrid.of(new double[] {bounds}, 16), GeometryField.DEFAULT_CHUNK).toArray();
        Arrays.sort(v);
        return v[(int) Math.min(v.length - 1, Math.round((1 - inside) * v.length))];
    }

    /** The mesh of {@code z [num_latents, embed_dim]} (VAE latent space, already divided by the scale factor). */
    public IsoSurface extract(ShapeVAE vae, Tensor z) {
        return extract(vae.field(vae.decode(z)));
    }

    /** The mesh of a geometry field (the VAE decoder already run). */
    public IsoSurface extract(GeometryField field) {
        if (Float.isNaN(level)) throw new IllegalStateException("extraction level not set (see levelEnclosing)");
        QueryGrid grid = QueryGrid.of(new double[] {bounds}, resolution);
        Tensor volume = coarseToFine ? new CoarseToFineVolume().decode(field, grid, level).volume()
                : field.volume(grid, GeometryField.DEFAULT_CHUNK);
        int n = grid.samples();
        return new MarchingCubes().level(level).bounds(grid.min(), grid.max()).hunyuanCompat(hunyuanCompat)
                .extract(volume.toArray(), n, n, n);
    }
}
