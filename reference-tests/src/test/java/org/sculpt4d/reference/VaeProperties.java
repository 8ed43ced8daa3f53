package org.sculpt4d.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.sculpt4d.nn.FourierEmbedder;
import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.tensor.oracle.RandomTensors;
import org.sculpt4d.vae.DiagonalGaussianPosterior;
import org.sculpt4d.vae.EncoderSampling;
import org.sculpt4d.vae.GeometryField;
import org.sculpt4d.vae.PointSelection;
import org.sculpt4d.vae.QueryGrid;
import org.sculpt4d.vae.RandomVae;
import org.sculpt4d.vae.ShapeVAE;
import org.sculpt4d.vae.ShapeVaeConfig;

/** Properties of the VAE that hold for any weights: small random configs (RandomVae) and random inputs. */
class VaeProperties {
    /**
     * Tolerance of the encoder's permutation equivariance, absolute on the post-LayerNorm hidden state (|h| ≲ 5).
     * Reordering the data points reorders the key sums of the cross-attention softmax, so results differ by float32
     * rounding only: at most 2.6e-6 over 200 random configs (a few ulps at |h| ~ 4). 2e-5 leaves room for other
     * backends' summation orders and still catches real errors: replacing one data point by a copy of another moved
     * h by at least 2e-2 over 100 random configs.
     */
    private static final double PERMUTATION_TOLERANCE = 2e-5;

    /** Spec §2.10, "chunking is exact": the logits do not depend on the chunk size, bit for bit. */
    @Property(tries = 25)
    void geometryDecoderChunkingIsExact(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int queries,
                                        @ForAll @IntRange(min = 1, max = 340) int chunkA,
                                        @ForAll @IntRange(min = 1, max = 340) int chunkB) {
        ShapeVaeConfig c = RandomVae.config(seed);
        GeometryField field = RandomVae.build(c, seed).field(RandomTensors.uniform(seed, 2f, c.numLatents(), c.width()));
        Tensor points = RandomTensors.uniform(~seed, 1.01f, queries, 3);
        float[] whole = field.logits(points, queries);
        assertArrayEquals(whole, field.logits(points, chunkA));
        assertArrayEquals(whole, field.logits(points, chunkB));
        QueryGrid grid = QueryGrid.of(new double[] {1.01}, 5);
        assertArrayEquals(field.volume(grid, chunkA).toArray(), field.volume(grid, grid.size()).toArray());
        assertArrayEquals(field.logits(grid.points(0, grid.size()), chunkB), field.volume(grid, chunkA).toArray());
    }

    /**
     * The encoder sees a set of data points: permuting the surface rows, with the indices remapped and the data
     * points listed in another order, leaves every query's hidden state unchanged (up to float32 rounding); listing
     * the queries in another order permutes the hidden states the same way (no positional terms, spec §1).
     */
    @Property(tries = 25)
    void encoderIsPermutationEquivariant(@ForAll long seed) {
        ShapeVaeConfig c = RandomVae.config(seed);
        ShapeVAE vae = RandomVae.build(c, seed);
        Tensor surface = RandomVae.surface(c, seed);
        PointSelection p = new EncoderSampling(c).draw(surface, new SplittableRandom(seed));
        Tensor hidden = vae.encodeHidden(surface, p);

        SplittableRandom r = new SplittableRandom(~seed);
        int[] rows = permutation(surface.dim(0), r);          // surface row i moves to rows[i]
        int[] inverse = new int[rows.length];
        for (int i = 0; i < rows.length; i++) inverse[rows[i]] = i;
        Tensor moved = Ops.gather(surface, 0, inverse);
        int[] data = p.dataIndex(), queries = p.queryIndex();
        int[] dataOrder = permutation(data.length, r), queryOrder = permutation(queries.length, r);
        int[] movedData = new int[data.length], movedQueries = new int[queries.length];
        for (int i = 0; i < data.length; i++) movedData[i] = rows[data[dataOrder[i]]];
        for (int i = 0; i < queries.length; i++) movedQueries[i] = rows[queries[queryOrder[i]]];
        Tensor permuted = vae.encodeHidden(moved, new PointSelection(movedData, movedQueries));

        Tensor expected = Ops.gather(hidden, 0, queryOrder);
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            worst = Math.max(worst, Math.abs(expected.data()[i] - permuted.data()[i]));
        }
        assertTrue(worst <= PERMUTATION_TOLERANCE, "max |Δh| = " + worst);
    }

    /**
     * Spec §2.5 in double: [p, sin(e), cos(e)] with e = float32(p_c · f_j), f_j = 2^j (· float32 π), coordinate-major.
     * The float32 output is the double closed form rounded: within one float32 ulp of it.
     */
    @Property(tries = 300)
    void fourierEmbedderMatchesTheClosedFormInDouble(@ForAll @FloatRange(min = -2f, max = 2f) float x,
                                                     @ForAll @FloatRange(min = -2f, max = 2f) float y,
                                                     @ForAll @FloatRange(min = -2f, max = 2f) float z,
                                                     @ForAll @IntRange(min = 0, max = 10) int freqs, @ForAll boolean pi) {
        Tensor e = new FourierEmbedder(freqs, pi).forward(Tensor.wrap(new float[] {x, y, z}, 1, 3));
        assertEquals(3 + 6 * freqs, e.dim(1));
        double[] p = {x, y, z};
        for (int c = 0; c < 3; c++) {
            assertEquals(p[c], e.get(0, c), 0.0, "the point itself");
            for (int j = 0; j < freqs; j++) {
                double f = Math.scalb(pi ? (double) (float) Math.PI : 1.0, j);
                double arg = (float) (p[c] * f); // exact product, rounded to float32 once
                assertClose(Math.sin(arg), e.get(0, 3 + c * freqs + j), "sin");
                assertClose(Math.cos(arg), e.get(0, 3 + 3 * freqs + c * freqs + j), "cos");
            }
        }
    }

    private static void assertClose(double exact, float got, String what) {
        assertEquals(exact, got, Math.ulp((float) exact), what);
    }

    /**
     * Deterministic for a seed: the posterior-mean path (points drawn from a seeded generator, encode, mean, decode,
     * geometry) gives the same bits every time, and a posterior sample with the same noise too.
     */
    @Property(tries = 10)
    void posteriorMeanPathIsDeterministic(@ForAll long seed) {
        ShapeVaeConfig c = RandomVae.config(seed);
        float[][] first = meanPath(c, seed), second = meanPath(c, seed);
        for (int i = 0; i < first.length; i++) assertArrayEquals(first[i], second[i], "stage " + i);
    }

    private static float[][] meanPath(ShapeVaeConfig c, long seed) {
        ShapeVAE vae = RandomVae.build(c, seed);
        DiagonalGaussianPosterior posterior = vae.encode(RandomVae.surface(c, seed), new SplittableRandom(seed));
        Tensor latents = vae.decode(posterior.mean());
        Tensor noise = RandomTensors.uniform(seed, 1f, posterior.mean().shape());
        return new float[][] {posterior.mean().toArray(), posterior.sample(noise).toArray(), latents.toArray(),
            vae.field(latents).volume(QueryGrid.of(new double[] {1.01}, 4), 50).toArray()};
    }

    private static int[] permutation(int n, SplittableRandom r) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
