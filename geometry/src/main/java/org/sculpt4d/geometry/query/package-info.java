/**
 * Spatial queries on triangle meshes: a bounding-volume hierarchy ({@link org.sculpt4d.geometry.query.Bvh}) for
 * closest points and ray hits, the generalised winding number for inside tests on open and closed meshes, and
 * unsigned / signed distance grids (spec geometry-references.md §5, "Closest point / BVH" and "Inside/outside").
 */
package org.sculpt4d.geometry.query;
