package org.sculpt4d.vae;

import java.util.Arrays;

/**
 * Which rows of a surface tensor the VAE encoder reads (spec §2.7): {@code dataIndex}, the data points in order
 * (uniform ones, then sharp ones), and {@code queryIndex}, the query points in farthest-point selection order
 * (uniform, then sharp), both as rows of the surface, as a golden bundle's {@code data_index} / {@code query_index}.
 * Sculpt4D draws one selection on frame 0 and reuses it for every frame (sculpt4d-method.md §4.5).
 */
public record PointSelection(int[] dataIndex, int[] queryIndex) {
    public PointSelection {
        dataIndex = dataIndex.clone();
        queryIndex = queryIndex.clone();
    }

    @Override
    public int[] dataIndex() {
        return dataIndex.clone();
    }

    @Override
    public int[] queryIndex() {
        return queryIndex.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointSelection p && Arrays.equals(dataIndex, p.dataIndex) && Arrays.equals(queryIndex, p.queryIndex);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dataIndex) + Arrays.hashCode(queryIndex);
    }

    @Override
    public String toString() {
        return "PointSelection[" + dataIndex.length + " data, " + queryIndex.length + " queries]";
    }
}
