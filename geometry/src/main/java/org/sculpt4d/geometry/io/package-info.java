/**
 * Mesh files: Wavefront OBJ and PLY (ASCII, binary little- and big-endian), read into and written from
 * {@link org.sculpt4d.geometry.TriangleMesh}; glTF 2.0 / GLB and Quake-2 MD2 read into
 * {@link org.sculpt4d.geometry.MeshSequence}, and GLB written from one.
 *
 * <p>Entry points: {@link org.sculpt4d.geometry.io.MeshFiles} (one mesh by extension, optionally {@code .gz}) and
 * {@link org.sculpt4d.geometry.io.MeshSequenceFiles} (a folder of per-frame OBJ/PLY, {@code .gltf}/{@code .glb} through
 * {@link org.sculpt4d.geometry.io.GltfReader}, {@code .md2} through {@link org.sculpt4d.geometry.io.Md2Reader};
 * animated GLB through {@link org.sculpt4d.geometry.io.GlbWriter}). All writes are atomic. Every reading fault is a
 * {@link org.sculpt4d.geometry.io.MeshFormatException} whose message starts with the file and the line, byte offset or
 * glTF element; no reader returns a partly built mesh. Polygons are fan-triangulated. OBJ's per-corner normals and
 * texture coordinates are kept on the file's vertices or split into copies, as
 * {@link org.sculpt4d.geometry.io.CornerAttributes} chooses.
 *
 * <p>Animated meshes: {@link org.sculpt4d.geometry.io.Md2Reader} reads Quake II MD2 keyframes into a fixed-topology
 * {@link org.sculpt4d.geometry.MeshSequence}.
 */
package org.sculpt4d.geometry.io;
