"""What one golden bundle is, before it is written, and seeded weight/input helpers (shared by every family).

A ``Case`` knows its module, config, weights and inputs, and how to compute its outputs in a given torch
dtype. ``generate_golden.py`` runs it in float32 (stored) and float64 (precision study), derives tolerances
(``precision.py``), writes the bundle (``bundle.py``) and reads it back.
"""

import zlib
from dataclasses import dataclass, field
from typing import Callable, Dict, Optional

import numpy as np
import torch


@dataclass
class Case:
    name: str                      # file stem under bundles/
    module: str                    # golden-format.md module name
    config: dict
    weights: Dict[str, torch.Tensor]
    inputs: Dict[str, object]
    compute: Callable              # compute(dtype: torch.dtype) -> {output name: tensor/array}
    summary: str                   # one line for the README table
    # optional extras
    independent: Optional[Callable] = None   # independent(np_dtype) -> outputs (spec_check), for the self-check
    informational: Optional[Callable] = None  # () -> {label: float}, printed/recorded (e.g. pure-f64 figures)
    exact: bool = False            # integer-only outputs: tolerances 0, float64 run must agree exactly
    alternatives: Optional[Callable] = None  # () -> outputs: further evaluations whose spread also sets tolerances
    notes: list = field(default_factory=list)
    # where the bundle goes: "bundles" (the Java port must pass it) or "divergences" (a documented, measured
    # difference between the Java port and the reference; see golden-outputs/README.md)
    directory: str = "bundles"


def seed_of(name):
    """A stable per-bundle seed (independent of Python's hash randomisation)."""
    return zlib.crc32(name.encode("utf-8")) & 0x7FFFFFFF


def randomize_(module, seed, ln_spread=0.2, bias_scale=0.2):
    """Seeded random weights with O(1) activations: Linear weights N(0, 1/fan_in), biases N(0, bias_scale²),
    LayerNorm gains 1 + N(0, ln_spread²) and biases N(0, bias_scale²). Deterministic in parameter order."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in module.named_parameters():
            if p.dim() == 2:
                p.copy_(torch.randn(p.shape, generator=g) / float(np.sqrt(p.shape[1])))
            elif name.endswith(".bias"):
                p.copy_(bias_scale * torch.randn(p.shape, generator=g))
            else:  # 1-D weight: a norm gain
                p.copy_(1.0 + ln_spread * torch.randn(p.shape, generator=g))
    return module


def config_from(base, keys, **changes):
    """``base`` with ``changes`` applied; its keys must be exactly ``keys``, in order (a module's constructor
    arguments, spelled out)."""
    c = dict(base)
    c.update(changes)
    assert tuple(c) == tuple(keys), f"config keys must be exactly {keys}"
    return c


def check_layout(state_dict, counts, shapes):
    """Asserts a state dict's layout: ``counts`` maps a key prefix to (number of tensors or None, parameters),
    ``shapes`` a key to its shape."""
    for prefix, (n, params) in counts.items():
        sel = [v for k, v in state_dict.items() if k.startswith(prefix)]
        assert n is None or len(sel) == n, (prefix, len(sel))
        assert sum(v.numel() for v in sel) == params, (prefix, sum(v.numel() for v in sel))
    for k, shape in shapes.items():
        assert tuple(state_dict[k].shape) == shape, (k, tuple(state_dict[k].shape), shape)


def select_weights(state_dict, prefixes):
    """The float32 entries of a state_dict whose key starts with one of ``prefixes`` (upstream key names)."""
    out = {k: v.detach().to(torch.float32).clone() for k, v in state_dict.items()
           if any(k.startswith(p) for p in prefixes)}
    if not out:
        raise ValueError(f"no weights under {prefixes}")
    return out


def to_numpy(x):
    if hasattr(x, "detach"):
        return x.detach().cpu().numpy()
    return np.asarray(x)
