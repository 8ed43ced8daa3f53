"""Farthest point sampling with the semantics of torch_cluster's CPU kernel (spec 2.7 step 4).

For one point set ``y [P, 3]`` (float32), a start index and a count:
    out[0] = start
    dist   = |y - y[start]|²                      (squared, float32: ((dx² + dy²) + dz²), each term rounded)
    for i in 1 .. count-1:
        out[i] = argmax(dist)                     (first maximum: ties go to the lowest index)
        dist   = min(dist, |y - y[out[i]]|²)      (running minimum)
Indices come in selection order. Nothing excludes an already selected point: once every remaining distance is
0 (duplicates, or count > number of distinct points) the argmax is index 0 of the set.

The encoder's count is ceil(float32(n) · float32(ratio)) as in torch_cluster (``fps_count``).
"""

import numpy as np
import torch


def squared_distances(y, p):
    d = y - p
    return (d[:, 0] * d[:, 0] + d[:, 1] * d[:, 1]) + d[:, 2] * d[:, 2]


def fps(points, start, count, dtype=np.float32):
    """points [P, 3] -> int64 indices [count]; arithmetic in ``dtype`` (float32 = upstream)."""
    y = np.asarray(points, dtype=dtype)
    out = np.empty(count, dtype=np.int64)
    out[0] = start
    dist = squared_distances(y, y[start])
    for i in range(1, count):
        k = int(np.argmax(dist))  # numpy argmax returns the first maximum
        out[i] = k
        dist = np.minimum(dist, squared_distances(y, y[k]))
    return out


def fps_margins(points, start, count, dtype=np.float32):
    """Relative gap between the largest and second-largest distinct running distance at every step (how close
    a step is to a tie that another rounding could flip); exact ties count as gap 0 only if tie-breaking
    decides, so they are reported separately. Returns (min relative gap over steps without exact tie,
    number of steps decided by an exact tie)."""
    y = np.asarray(points, dtype=dtype)
    dist = squared_distances(y, y[start])
    gaps, tie_steps = [], 0
    for _ in range(1, count):
        k = int(np.argmax(dist))
        m = dist[k]
        if np.count_nonzero(dist == m) > 1:
            tie_steps += 1
        else:
            rest = dist[dist < m]
            if rest.size and m > 0:
                gaps.append(float((m - rest.max()) / m))
        dist = np.minimum(dist, squared_distances(y, y[k]))
    return (min(gaps) if gaps else float("inf")), tie_steps


def fps_torch_cluster_style(points, start, count):
    """The same algorithm written with the torch ops of torch_cluster's fps_cpu.cpp (get_dist =
    (y - y[idx]).pow(2).sum(1), dist.argmax(), torch.min): an independent cross-check of ``fps``."""
    y = torch.as_tensor(np.asarray(points, dtype=np.float32))
    out = [int(start)]
    dist = (y - y[start]).pow(2).sum(1)
    for _ in range(1, count):
        k = int(dist.argmax())
        out.append(k)
        dist = torch.min(dist, (y - y[k]).pow(2).sum(1))
    return np.array(out, dtype=np.int64)


def fps_count(n, ratio):
    """torch_cluster: ceil(float32(deg) * float32(ratio))."""
    return int(np.ceil(np.float32(n) * np.float32(ratio)))
