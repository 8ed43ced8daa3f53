package org.sculpt4d.tensor;

import java.util.Arrays;

/**
 * Which query-tile × key-tile pairs of an attention matrix are kept: the input of the block-sparse attention
 * kernel (Sculpt4D's Block Sparse Attention, {@code sculpt4d-method.md} §2).
 *
 * <p>Tiles are given by their boundaries, so blocks need not all have the same size (a frame's time token joins the
 * frame's first block). For every query block the kept key blocks are stored as a sorted list, so a kernel walks only
 * kept tiles and its cost scales with {@link #keptTiles()}. Within a kept tile every query attends every key.
 */
public final class BlockMask {
    private final int[] queryStarts;
    private final int[] keyStarts;
    private final int[][] keptKeyBlocks;

    /**
     * @param queryStarts   block boundaries over the queries: {@code 0 = s[0] < s[1] < ... < s[nqb] = nq}
     * @param keyStarts     block boundaries over the keys, likewise
     * @param keptKeyBlocks for each query block, the key blocks it attends (any order, no duplicates)
     */
    public BlockMask(int[] queryStarts, int[] keyStarts, int[][] keptKeyBlocks) {
        checkBoundaries("query", queryStarts);
        checkBoundaries("key", keyStarts);
        int nqb = queryStarts.length - 1;
        int nkb = keyStarts.length - 1;
        if (keptKeyBlocks.length != nqb) {
            throw new IllegalArgumentException("block mask has " + keptKeyBlocks.length + " rows for " + nqb + " query blocks");
        }
        this.queryStarts = queryStarts.clone();
        this.keyStarts = keyStarts.clone();
        this.keptKeyBlocks = new int[nqb][];
        for (int qb = 0; qb < nqb; qb++) {
            int[] row = keptKeyBlocks[qb].clone();
            Arrays.sort(row);
            for (int i = 0; i < row.length; i++) {
                if (row[i] < 0 || row[i] >= nkb) {
                    throw new IllegalArgumentException("key block " + row[i] + " out of range [0, " + nkb + ") in row " + qb);
                }
                if (i > 0 && row[i] == row[i - 1]) {
                    throw new IllegalArgumentException("key block " + row[i] + " listed twice in row " + qb);
                }
            }
            this.keptKeyBlocks[qb] = row;
        }
    }

    /** A mask from a dense tile matrix {@code kept[qb][kb]}. */
    public static BlockMask fromTiles(int[] queryStarts, int[] keyStarts, boolean[][] kept) {
        int[][] rows = new int[kept.length][];
        for (int qb = 0; qb < kept.length; qb++) {
            boolean[] row = kept[qb];
            rows[qb] = java.util.stream.IntStream.range(0, row.length).filter(kb -> row[kb]).toArray();
        }
        return new BlockMask(queryStarts, keyStarts, rows);
    }

    /** Boundaries {@code 0, b, 2b, ..., n} of blocks of size {@code b} (the last one may be shorter). */
    public static int[] uniformStarts(int n, int blockSize) {
        if (blockSize <= 0) throw new IllegalArgumentException("block size must be positive, got " + blockSize);
        int nb = (n + blockSize - 1) / blockSize;
        int[] s = new int[nb + 1];
        for (int i = 0; i <= nb; i++) s[i] = Math.min(n, i * blockSize);
        return s;
    }

    /** The mask that keeps every tile (dense attention) over the given blocks. */
    public static BlockMask full(int[] queryStarts, int[] keyStarts) {
        int nkb = keyStarts.length - 1;
        int[][] rows = new int[queryStarts.length - 1][];
        Arrays.setAll(rows, qb -> java.util.stream.IntStream.range(0, nkb).toArray());
        return new BlockMask(queryStarts, keyStarts, rows);
    }

    public int queryCount() {
        return queryStarts[queryStarts.length - 1];
    }

    public int keyCount() {
        return keyStarts[keyStarts.length - 1];
    }

    public int queryBlocks() {
        return queryStarts.length - 1;
    }

    public int keyBlocks() {
        return keyStarts.length - 1;
    }

    /** First query of block {@code qb}; {@code queryStart(queryBlocks())} is the query count. */
    public int queryStart(int qb) {
        return queryStarts[qb];
    }

    /** First key of block {@code kb}; {@code keyStart(keyBlocks())} is the key count. */
    public int keyStart(int kb) {
        return keyStarts[kb];
    }

    /** The kept key blocks of query block {@code qb}, ascending. Do not modify. */
    public int[] keptKeyBlocks(int qb) {
        return keptKeyBlocks[qb];
    }

    public boolean isKept(int qb, int kb) {
        return Arrays.binarySearch(keptKeyBlocks[qb], kb) >= 0;
    }

    /** Number of kept tiles. */
    public long keptTiles() {
        long n = 0;
        for (int[] row : keptKeyBlocks) n += row.length;
        return n;
    }

    /** Number of (query, key) pairs inside kept tiles. */
    public long keptPairs() {
        long n = 0;
        for (int qb = 0; qb < keptKeyBlocks.length; qb++) {
            long rows = queryStarts[qb + 1] - queryStarts[qb];
            for (int kb : keptKeyBlocks[qb]) n += rows * (keyStarts[kb + 1] - keyStarts[kb]);
        }
        return n;
    }

    /** Fraction of the (query, key) pairs that are attended: 1 for dense attention. */
    public double density() {
        return (double) keptPairs() / ((double) queryCount() * keyCount());
    }

    /** Whether query {@code q} attends key {@code k} (token level; for references and tests). */
    public boolean attends(int q, int k) {
        return isKept(blockOf(queryStarts, q), blockOf(keyStarts, k));
    }

    private static int blockOf(int[] starts, int i) {
        int b = Arrays.binarySearch(starts, i);
        return b >= 0 ? b : -b - 2;
    }

    private static void checkBoundaries(String what, int[] s) {
        if (s.length < 2 || s[0] != 0) {
            throw new IllegalArgumentException(what + " block boundaries must start at 0 and hold at least one block: "
                    + Arrays.toString(s));
        }
        for (int i = 1; i < s.length; i++) {
            if (s[i] <= s[i - 1]) {
                throw new IllegalArgumentException(what + " block boundaries must increase strictly: " + Arrays.toString(s));
            }
        }
    }
}
