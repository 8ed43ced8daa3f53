/**
 * Mesh files: Wavefront OBJ and PLY (ASCII, binary little- and big-endian), read into and written from
 * {@link org.sculpt4d.geometry.TriangleMesh}.
 *
 * <p>Entry point: {@link org.sculpt4d.geometry.io.MeshFiles} (by extension, optionally {@code .gz}; atomic writes).
 * Every reading fault is a {@link org.sculpt4d.geometry.io.MeshFormatException} whose message starts with the file and
 * the line or byte offset; no reader returns a partly built mesh. Polygons are fan-triangulated. OBJ's per-corner
 * normals and texture coordinates are kept on the file's vertices or split into copies, as
 * {@link org.sculpt4d.geometry.io.CornerAttributes} chooses.
 *
 * <p>Animated meshes: {@link org.sculpt4d.geometry.io.Md2Reader} reads Quake II MD2 keyframes into a fixed-topology
 * {@link org.sculpt4d.geometry.MeshSequence}.
 */
package org.sculpt4d.geometry.io;
