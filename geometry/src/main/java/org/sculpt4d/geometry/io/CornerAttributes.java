package org.sculpt4d.geometry.io;

/**
 * What a reader does when a file gives normals or texture coordinates per face corner (OBJ's {@code f v/vt/vn}) while
 * {@link org.sculpt4d.geometry.TriangleMesh} holds them per vertex.
 */
public enum CornerAttributes {
    /**
     * Keep the file's vertex list and indices, so the mesh has the file's topology (what closedness, sampling and
     * watertight checks need). A corner attribute is kept only when every face corner carries one and all corners of
     * each vertex agree on its value; otherwise it is dropped for the whole mesh.
     */
    KEEP_VERTICES,
    /**
     * One vertex per distinct (position, texture coordinate, normal) index combination, as renderers want: the first
     * combination a position appears in keeps the position's own index, and every further combination appends a copy
     * of the position (with its colour). Attributes are then always kept (when every corner carries them), at the cost
     * of open seams where copies meet.
     */
    SPLIT_VERTICES
}
