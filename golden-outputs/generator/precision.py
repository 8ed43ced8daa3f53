"""Float32-vs-float64 discrepancy and the tolerances derived from it (shared by every bundle family).

For each output the generator runs the same module twice from the same (float32-valued) weights and inputs:
once in float32 (what the bundle stores, like upstream) and once in float64. The float32 result carries the
rounding error of one float32 evaluation; an independent float32 implementation (the Java port) carries a
comparable error of its own, so |java - want| is about |java - f64| + |f64 - want| <= ~2x the measured figure.
Tolerances are therefore a factor ``FACTOR`` (4: 2x for the two implementations, 2x margin for a different
summation order) times the measured discrepancy, rounded up to two significant digits:

    atol = ceil2(FACTOR * max_abs)              max_abs = max over outputs and elements of |f32 - f64|
    rtol = ceil2(FACTOR * max_abs_rel)          max_abs_rel = max over outputs of max|f32 - f64| / max|f64|

so an element passes when its error is within FACTOR x the worst float32 error seen anywhere in the bundle,
plus the same allowance scaled by the element's size relative to its output's largest value.
Outputs that are integers (indices, counts) must match exactly.
"""

import math

import numpy as np

FACTOR = 4.0


def _np(t):
    if hasattr(t, "detach"):
        t = t.detach().cpu().numpy()
    return np.asarray(t)


def ceil2(x):
    """Round a positive number up to two significant digits (3.21e-6 -> 3.3e-6); 0 stays 0."""
    if x <= 0:
        return 0.0
    e = math.floor(math.log10(x)) - 1
    m = math.ceil(x / 10.0 ** e - 1e-9)
    return float(f"{m}e{e}")


def discrepancy(out32, out64):
    """Per output: dict(max_abs, scale = max|f64|, rel = max_abs/scale, worst = flat index, exact = bool)."""
    stats = {}
    for name, a in out32.items():
        a = _np(a)
        b = _np(out64[name])
        if a.shape != b.shape:
            raise ValueError(f"{name}: shapes differ {a.shape} vs {b.shape}")
        if a.dtype.kind in "iu":
            stats[name] = dict(max_abs=float(np.abs(a.astype(np.int64) - b.astype(np.int64)).max(initial=0)),
                               scale=float(np.abs(b).max(initial=0)), rel=0.0, worst=None, integer=True)
            continue
        d = np.abs(a.astype(np.float64) - b.astype(np.float64))
        scale = float(np.abs(b).max(initial=0.0))
        worst = int(np.argmax(d)) if d.size else None
        stats[name] = dict(max_abs=float(d.max(initial=0.0)), scale=scale,
                           rel=float(d.max(initial=0.0)) / scale if scale > 0 else 0.0,
                           worst=worst, integer=False,
                           std=float(np.std(b)) if b.size else 0.0)
    return stats


def tolerances(stats, factor=FACTOR):
    """(rtol, atol) for a bundle from its per-output discrepancy stats. Integer outputs must agree exactly
    (their f32/f64 difference must be zero) and the float tolerances must not let a count slip by one."""
    for name, s in stats.items():
        if s["integer"] and s["max_abs"] != 0:
            raise AssertionError(f"integer output {name} differs between float32 and float64 runs")
    floats = [s for s in stats.values() if not s["integer"]]
    if not floats:
        return 0.0, 0.0
    atol = ceil2(factor * max(s["max_abs"] for s in floats))
    rtol = ceil2(factor * max(s["rel"] for s in floats))
    for name, s in stats.items():
        if s["integer"] and atol + rtol * s["scale"] >= 0.5:
            raise AssertionError(f"tolerances rtol={rtol} atol={atol} would let integer output {name} slip")
    return rtol, atol


def check(got, want, rtol, atol):
    """The golden-format check |got - want| <= atol + rtol |want|; returns (ok, worst ratio err/allowed)."""
    got = _np(got).astype(np.float64)
    want = _np(want).astype(np.float64)
    err = np.abs(got - want)
    allowed = atol + rtol * np.abs(want)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(allowed > 0, err / allowed, np.where(err > 0, np.inf, 0.0))
    worst = float(ratio.max(initial=0.0))
    return bool(np.all(err <= allowed)), worst
