/**
 * Watertight conversion of open, non-manifold or self-intersecting triangle meshes by extracting the boundary of an
 * ε-tube around the surface (Hunyuan3D 2.1's training-data preprocessing, spec hunyuan3d21-shape.md §2.4).
 */
package org.sculpt4d.geometry.watertight;
