#!/usr/bin/env python3
"""Regenerates every golden bundle into golden-outputs/bundles/, deterministically.

    cd golden-outputs && /usr/bin/python3 generator/generate_golden.py            # everything + README table
    cd golden-outputs && /usr/bin/python3 generator/generate_golden.py --only fps # a subset (README untouched)

Per case: compute the outputs in float32 (stored) and float64 from the same weights and inputs, derive
rtol/atol from the discrepancy (precision.py), write the bundle (bundle.py), read it back with our own reader
and compare every tensor and metadata field, check that the float64 result passes the bundle's tolerances,
and run the independent numpy implementation (spec_check.py) in float32 (must pass the tolerances) and
float64 (must agree with torch float64 to ~1e-12). Prints a table; with no --only, also rewrites the
generated section of golden-outputs/README.md.

Bundle families are listed in PRODUCERS: modules with a ``cases()`` function returning ``golden_case.Case``s.
"""

import argparse
import importlib
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import torch  # noqa: E402

import precision  # noqa: E402
from bundle import read_bundle, write_bundle  # noqa: E402
from golden_case import to_numpy  # noqa: E402

PRODUCERS = ["vae_bundles", "dit_bundles", "dino_bundles", "dit4d_bundles"]

ROOT = os.path.dirname(HERE)
DIRECTORIES = ("bundles", "divergences")
README = os.path.join(ROOT, "README.md")
BEGIN, END = "<!-- generated:begin -->", "<!-- generated:end -->"


def producer_string():
    try:
        import skimage
        sk = f", scikit-image {skimage.__version__}"
    except ImportError:
        sk = ""
    return (f"sculpt4d-java golden-outputs/generator (torch {torch.__version__}, numpy {np.__version__}{sk}); "
            f"float32 reference, tolerances from float32-vs-float64")


def _stored(outputs):
    out = {}
    for k, v in outputs.items():
        a = to_numpy(v)
        out[k] = a.astype(np.int64) if a.dtype.kind in "iub" else a.astype(np.float32)
    return out


def _wide(outputs):
    out = {}
    for k, v in outputs.items():
        a = to_numpy(v)
        out[k] = a.astype(np.int64) if a.dtype.kind in "iub" else a.astype(np.float64)
    return out


def run_case(case, producer):
    t0 = time.perf_counter()
    out32 = _stored(case.compute(torch.float32))
    out64 = _wide(case.compute(torch.float64))
    stats = precision.discrepancy(out32, out64)
    if case.alternatives is not None:  # further evaluations of the same quantity widen the measured spread
        for k, v in case.alternatives().items():
            d = float(np.abs(out32[k].astype(np.float64) - np.asarray(v, np.float64)).max())
            s = stats[k]
            if d > s["max_abs"]:
                s["max_abs"] = d
                s["rel"] = d / s["scale"] if s["scale"] > 0 else 0.0
    if case.exact:
        bad = [k for k, s in stats.items() if s["max_abs"] != 0]
        if bad:
            raise AssertionError(f"{case.name}: float32 and float64 runs disagree on {bad}")
        rtol, atol = 0.0, 0.0
    else:
        rtol, atol = precision.tolerances(stats)

    # non-degenerate outputs: real variation, finite values
    for k, a in out32.items():
        if not np.all(np.isfinite(a)):
            raise AssertionError(f"{case.name}: output {k} has non-finite values")
        if a.dtype == np.float32 and a.size > 1 and not np.std(a) > 1e-3 * max(1.0, float(np.abs(a).max())):
            raise AssertionError(f"{case.name}: output {k} is (nearly) constant")

    if case.directory not in DIRECTORIES:
        raise ValueError(f"{case.name}: directory {case.directory!r} is not one of {DIRECTORIES}")
    out_dir = os.path.join(ROOT, case.directory)
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, case.name + ".safetensors")
    size = write_bundle(path, case.module, case.config, case.weights, case.inputs, out32, rtol=rtol, atol=atol,
                        producer=producer)
    assert size == os.path.getsize(path)

    # --- self-check 1: read the file back with our own reader -------------------------------------------
    back = read_bundle(path)
    assert back.metadata["module"] == case.module
    assert back.config == json.loads(json.dumps(case.config)), f"{case.name}: config round trip"
    assert float(back.metadata["rtol"]) == rtol and float(back.metadata["atol"]) == atol
    assert back.metadata["producer"] == producer
    for label, want, got in (("weight", case.weights, back.weights), ("input", case.inputs, back.inputs),
                             ("output", out32, back.outputs)):
        if set(want) != set(got):
            raise AssertionError(f"{case.name}: {label} names differ: {sorted(set(want) ^ set(got))}")
        for k in want:
            w = to_numpy(want[k])
            w = w.astype(np.int64) if w.dtype.kind in "iub" else w.astype(np.float32)
            g = got[k]
            if g.dtype != w.dtype or g.shape != w.shape or not np.array_equal(g, w):
                raise AssertionError(f"{case.name}: {label}.{k} does not read back identically")
    # the float64 result must pass the bundle's own check (the tolerances contain the truth)
    for k in out32:
        ok, _ = precision.check(back.outputs[k], out64[k], rtol, atol)
        if not ok:
            raise AssertionError(f"{case.name}: float64 result of {k} fails the bundle's own tolerances")

    # --- self-check 2: independent implementation ---------------------------------------------------------
    indep = {}
    if case.independent is not None:
        i32 = case.independent(np.float32)
        i64 = case.independent(np.float64)
        worst, d64 = 0.0, 0.0
        for k in out32:
            if case.exact:
                if not np.array_equal(np.asarray(i32[k]), out32[k]):
                    raise AssertionError(f"{case.name}: independent implementation disagrees on {k}")
                continue
            ok, ratio = precision.check(i32[k], back.outputs[k], rtol, atol)
            if not ok:
                raise AssertionError(f"{case.name}: independent float32 {k} fails the tolerances "
                                     f"(worst err/allowed {ratio:.2f})")
            worst = max(worst, ratio)
            d64 = max(d64, float(np.abs(np.asarray(i64[k], np.float64) - out64[k]).max()))
        if not case.exact:
            scale = max(s["scale"] for s in stats.values())
            if d64 > 1e-9 * max(1.0, scale):
                raise AssertionError(f"{case.name}: independent float64 differs from torch float64 by {d64:.3g}")
        indep = {"worst_ratio": worst, "f64_diff": d64} if not case.exact else {"identical": True}
    info = case.informational() if case.informational is not None else {}
    return dict(name=case.name, directory=case.directory, module=case.module, summary=case.summary, size=size,
                rtol=rtol, atol=atol,
                stats=stats, indep=indep, info=info, seconds=time.perf_counter() - t0,
                shapes={k: list(v.shape) for k, v in out32.items()})


def _g(x):
    return "0" if x == 0 else f"{x:.2g}"


def tables(records):
    lines = ["| bundle | module | size | what |", "|---|---|---:|---|"]
    for r in records:
        lines.append(f"| `{r['directory']}/{r['name']}.safetensors` | `{r['module']}` | {r['size'] / 1024:.1f} KiB "
                     f"| {r['summary']} |")
    total = sum(r["size"] for r in records)
    lines.append(f"| **total** | | **{total / 1024:.1f} KiB** | {len(records)} bundles |")
    lines += ["", "Float32 vs float64 (same weights and inputs). `scale` = max |f64|, `std` = standard deviation of "
              "the output (non-degeneracy), `max|Δ|` = max |f32 − f64|, `rel` = max|Δ| / scale; "
              "rtol/atol = stored tolerances (4× the figures, 2 significant digits up). `indep f32` = worst "
              "err/allowed of the independent numpy float32 implementation under those tolerances (must be ≤ 1); "
              "`indep f64` = its max |Δ| to torch float64.", "",
              "| bundle | output | shape | scale | std | max\\|Δ\\| | rel | rtol | atol | indep f32 | indep f64 | notes |",
              "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in records:
        first = True
        for k, s in r["stats"].items():
            if s["integer"]:
                num = ("exact", "exact")
                scale = f"{s['scale']:.0f}"
                std = ""
            else:
                num = (_g(s["max_abs"]), _g(s["rel"]))
                scale = f"{s['scale']:.3g}"
                std = f"{s['std']:.3g}" if int(np.prod(r["shapes"][k])) > 1 else ""
            ind = r["indep"]
            ind32 = ("identical" if ind.get("identical") else f"{ind['worst_ratio']:.2f}") if ind else "–"
            ind64 = (_g(ind["f64_diff"]) if "f64_diff" in ind else "") if ind else "–"
            notes = ", ".join(f"{a}={_g(b) if isinstance(b, float) else b}" for a, b in r["info"].items())
            lines.append(
                f"| {r['name'] if first else ''} | {k} | {'×'.join(map(str, r['shapes'][k]))} | {scale} | {std} | "
                f"{num[0]} | {num[1]} | {_g(r['rtol']) if first else ''} | {_g(r['atol']) if first else ''} | "
                f"{ind32 if first else ''} | {ind64 if first else ''} | {notes if first else ''} |")
            first = False
    return "\n".join(lines)


def update_readme(text):
    with open(README, encoding="utf-8") as f:
        content = f.read()
    if BEGIN not in content or END not in content:
        print(f"README has no {BEGIN}/{END} markers; table not written there")
        return
    head, rest = content.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with open(README, "w", encoding="utf-8") as f:
        f.write(head + BEGIN + "\n" + text + "\n" + END + tail)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="only bundles whose name contains this string (README untouched)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    producer = producer_string()
    t0 = time.perf_counter()
    records = []
    for mod in PRODUCERS:
        producer_module = importlib.import_module(mod)
        if hasattr(producer_module, "self_test"):
            print(f"{mod}.self_test: {producer_module.self_test()}")
        for case in producer_module.cases():
            if args.only and args.only not in case.name:
                continue
            r = run_case(case, producer)
            records.append(r)
            print(f"{r['name']:<28} {r['module']:<17} {r['size'] / 1024:8.1f} KiB  rtol={_g(r['rtol']):<7} "
                  f"atol={_g(r['atol']):<7} {r['seconds']:.2f}s", flush=True)
    text = tables(records)
    print()
    print(text)
    known = {os.path.join(r["directory"], r["name"] + ".safetensors") for r in records}
    stray = sorted(os.path.join(d, f) for d in DIRECTORIES if os.path.isdir(os.path.join(ROOT, d))
                   for f in os.listdir(os.path.join(ROOT, d)) if f.endswith(".safetensors")
                   and os.path.join(d, f) not in known)
    if stray and not args.only:
        print(f"\nnote: files this run did not write: {stray}")
    if not args.only:
        update_readme(f"Generated by `generator/generate_golden.py` ({producer}).\n\n" + text)
    print(f"\n{len(records)} bundles, {sum(r['size'] for r in records) / 1024:.1f} KiB, "
          f"{time.perf_counter() - t0:.1f}s")


if __name__ == "__main__":
    main()
