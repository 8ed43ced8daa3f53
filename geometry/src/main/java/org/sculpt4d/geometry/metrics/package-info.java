/**
 * Shape-reconstruction metrics of the evaluation protocol (spec sculpt4d-method.md §6, geometry-references.md
 * "Metrics"): Chamfer distance and F-score on area-weighted surface samples via a k-d tree, and volumetric IoU with a
 * winding-number inside test, per frame ({@link org.sculpt4d.geometry.metrics.MeshMetrics}) and averaged.
 */
package org.sculpt4d.geometry.metrics;
