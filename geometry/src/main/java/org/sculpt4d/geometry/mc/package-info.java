/**
 * Marching cubes over dense float grids, with the topology of the trilinear interpolant (MC33).
 *
 * <p>Entry point: {@link org.sculpt4d.geometry.mc.MarchingCubes}; result: {@link org.sculpt4d.geometry.mc.IsoSurface}
 * (float[] V×3 vertices, int[] F×3 faces, with area, signed volume, Euler characteristic and edge checks).
 *
 * <p>Conventions (spec geometry-references.md §1, hunyuan3d21-shape.md §6.1–6.3): grid index (i, j, k) with x the
 * slowest axis; inside iff {@code value − level > 0}, so values at the level and NaN are outside; linear interpolation
 * along edges, snapping onto samples exactly at the level; triangles wound outward for a positive-inside field (the
 * model's logits); world mapping {@code min + index · (max − min) / R}, or upstream's ÷(R+1) with
 * {@code hunyuanCompat}.
 *
 * <p>Algorithm: Lorensen &amp; Cline (1987) marching cubes; face ambiguities by the asymptotic decider of Nielson
 * &amp; Hamann (1991); interior ambiguities (tunnels) by an exact sweep of the trilinear interpolant, in the case
 * structure of Chernyaev's MC33 (1995) as implemented by Lewiner et al. (2003). The case tables are derived by
 * {@code CubeCases} when the class loads; nothing is copied from other implementations.
 *
 * <p>Agreement with scikit-image's Lewiner implementation (Hunyuan3D's extractor): identical vertex and face counts
 * on fields without ambiguous cells (the §1.3/§1.4 anchors) and on every cell whose ambiguity is on faces only.
 * Where an interior (tunnel) decision differs, a brute-force flood fill of the trilinear interpolant agrees with this
 * implementation, not with skimage (see {@code MarchingCubesSkimageParityTest}): about 1 % of random-normal cells,
 * about 0.1 % of the faces of the §1.4 random-field test.
 */
package org.sculpt4d.geometry.mc;
