#!/usr/bin/python3
"""Regenerates the scikit-image fixtures used by MarchingCubesSkimageParityTest (written for this project; run from this folder).

Random fields (geometry-references.md section 1.4, "random-field stress test"):
  rng = numpy.random.default_rng(0); three successive rng.standard_normal((24, 24, 24)) draws, cast to float32,
  padded to 26^3 with -1.0 (outside), written as raw little-endian float32 in C order (axis 0 slowest):
  random_field_0.f32, random_field_1.f32, random_field_2.f32 (70,304 bytes each).
  skimage_random_fields.txt: per field, skimage.measure.marching_cubes(f, 0.0) (Lewiner, Hunyuan's extractor):
  vertices, faces, components, Euler characteristic, centre (non-edge) vertices, boundary and non-manifold edges.
  These reproduce the table's 22,205 / 49,170, 22,431 / 49,826 and 22,099 / 48,982.

Single cells: random_cells.f32 holds 4000 cells (8 float32 corner values each, corner index dx*4 + dy*2 + dz),
  drawn with numpy.random.default_rng(1).standard_normal((N, 8)) keeping only cells with both signs.
  skimage_cells.txt: per cell "config edge_vertices faces centre_vertices" from skimage on the 2x2x2 array.

Needs numpy and scikit-image (Debian python3-numpy, python3-skimage 0.19.3 was used).
"""
import numpy as np
from skimage import measure


def stats(v, f):
    e = np.sort(np.concatenate([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]]), axis=1)
    _, counts = np.unique(e, axis=0, return_counts=True)
    edges = len(counts)
    parent = list(range(len(v)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, c in f:
        for p, q in ((a, b), (a, c)):
            rp, rq = find(p), find(q)
            if rp != rq:
                parent[max(rp, rq)] = min(rp, rq)
    comps = len({find(i) for i in range(len(v))})
    frac = (np.abs(v - np.round(v)) > 1e-6).sum(axis=1)
    centre = int((frac >= 2).sum())
    return dict(vertices=len(v), faces=len(f), components=comps, euler=len(v) - edges + len(f),
                centre=centre, boundary=int((counts == 1).sum()), nonmanifold=int((counts > 2).sum()))


def fields():
    rng = np.random.default_rng(0)
    lines = []
    for i in range(3):
        x = rng.standard_normal((24, 24, 24)).astype(np.float32)
        f = np.pad(x, 1, constant_values=-1.0).astype('<f4')
        f.tofile('random_field_%d.f32' % i)
        v, fc, _, _ = measure.marching_cubes(f, 0.0)
        s = stats(v, fc)
        lines.append('field=%d ' % i + ' '.join('%s=%d' % kv for kv in s.items()))
    with open('skimage_random_fields.txt', 'w') as out:
        out.write('# skimage %s, marching_cubes(f, 0.0) (lewiner) on random_field_<i>.f32\n' % __import__('skimage').__version__)
        out.write('\n'.join(lines) + '\n')


def cells(n=4000):
    rng = np.random.default_rng(1)
    kept, rows = [], []
    while len(kept) < n:
        c = rng.standard_normal(8).astype(np.float32)
        if (c > 0).all() or (c <= 0).all():
            continue
        v, f, _, _ = measure.marching_cubes(c.reshape(2, 2, 2), 0.0)
        frac = (np.abs(v - np.round(v)) > 1e-6).sum(axis=1)
        centre = int((frac >= 2).sum())
        config = int(sum(1 << k for k in range(8) if c[k] > 0))
        kept.append(c)
        rows.append('%d %d %d %d' % (config, len(v) - centre, len(f), centre))
    np.array(kept, dtype='<f4').tofile('random_cells.f32')
    with open('skimage_cells.txt', 'w') as out:
        out.write('# config edge_vertices faces centre_vertices (skimage marching_cubes on each 2x2x2 cell)\n')
        out.write('\n'.join(rows) + '\n')


if __name__ == '__main__':
    fields()
    cells()
