/**
 * Points on mesh surfaces for the VAE encoder's input (spec hunyuan3d21-shape.md §2.2–2.3, sculpt4d-method.md §4).
 *
 * <p>{@link org.sculpt4d.geometry.sampling.UniformSurfaceSampler} (area-weighted, face normals) and
 * {@link org.sculpt4d.geometry.sampling.SharpEdgeSampler} (Hunyuan3D's sharp-edge rule, blended vertex normals) both
 * return {@link org.sculpt4d.geometry.sampling.SurfaceSamples}: face indices and barycentric weights, evaluated to
 * positions and normals, and re-evaluable on every frame of a fixed-topology sequence. Seeded and deterministic.
 */
package org.sculpt4d.geometry.sampling;
