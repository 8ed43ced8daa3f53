package org.sculpt4d.tornado;

import org.sculpt4d.tensor.BlockMask;

/**
 * A {@link BlockMask} flattened into the int array that {@link AttentionKernel} walks: the query block of every
 * query, CSR row pointers per query block, then the {@code [start, end)} key range of every kept tile, with
 * neighbouring kept tiles merged into one range. No mask is one block that keeps every key.
 */
final class DeviceMask {
    /** The flattened arrays. */
    final int[] data;
    /** Where the row pointers and the ranges start in {@link #data}. */
    final int rowPointers, ranges;

    DeviceMask(int nq, int nk, BlockMask mask) {
        int blocks = mask == null ? 1 : mask.queryBlocks();
        int[] blockOf = new int[nq];
        int[] pointers = new int[blocks + 1];
        int[] spans = new int[2 * (mask == null ? 1 : (int) Math.max(1, mask.keptTiles()))];
        int count = 0;
        for (int qb = 0; qb < blocks; qb++) {
            if (mask == null) {
                spans[0] = 0;
                spans[1] = nk;
                count = 1;
            } else {
                for (int q = mask.queryStart(qb); q < mask.queryStart(qb + 1); q++) blockOf[q] = qb;
                for (int kb : mask.keptKeyBlocks(qb)) {
                    int start = mask.keyStart(kb), end = mask.keyStart(kb + 1);
                    if (count > pointers[qb] && spans[2 * count - 1] == start) {
                        spans[2 * count - 1] = end; // adjacent to the previous kept tile of this row
                    } else {
                        spans[2 * count] = start;
                        spans[2 * count + 1] = end;
                        count++;
                    }
                }
            }
            pointers[qb + 1] = count;
        }
        rowPointers = nq;
        ranges = nq + blocks + 1;
        data = new int[ranges + 2 * count];
        System.arraycopy(blockOf, 0, data, 0, nq);
        System.arraycopy(pointers, 0, data, rowPointers, blocks + 1);
        System.arraycopy(spans, 0, data, ranges, 2 * count);
    }
}
