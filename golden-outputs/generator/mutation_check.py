#!/usr/bin/env python3
"""Optional: do the committed bundles' tolerances catch the classic porting mistakes of spec section 9?

    cd golden-outputs && /usr/bin/python3 generator/mutation_check.py

For each mutation (a deliberate bug patched into vae_reference or dit_reference), recomputes every VAE/volume/
Fourier case, or every DiT case, in float32 and runs the golden-format check against the committed bundle.
Prints, per mutation, which bundles fail and by how much (worst err/allowed). The unmutated baselines must pass
everywhere.
"""

import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import torch  # noqa: E402

import dit_bundles  # noqa: E402
import dit_reference as dr  # noqa: E402
import precision  # noqa: E402
import vae_bundles  # noqa: E402
import vae_reference as vr  # noqa: E402
from bundle import read_bundle  # noqa: E402
from golden_case import to_numpy  # noqa: E402

BUNDLES = os.path.join(os.path.dirname(HERE), "bundles")


def _textbook_self(self, x):  # [Q|K|V] split instead of the per-head packing
    b, n, w = x.shape
    d = w // self.heads
    u = self.c_qkv(x).reshape(b, n, 3, self.heads, d)
    q, k, v = self.attention.q_norm(u[:, :, 0]), self.attention.k_norm(u[:, :, 1]), u[:, :, 2]
    return self.c_proj(vr.attention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2))
                       .transpose(1, 2).reshape(b, n, w))


def _textbook_cross(self, x, data):  # [K|V] split instead of the per-head packing
    b, n, w = x.shape
    d = w // self.heads
    q = self.attention.q_norm(self.c_q(x).reshape(b, n, self.heads, d))
    kv = self.c_kv(data).reshape(b, data.shape[1], 2, self.heads, d)
    k, v = self.attention.k_norm(kv[:, :, 0]), kv[:, :, 1]
    return self.c_proj(vr.attention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2))
                       .transpose(1, 2).reshape(b, n, w))


def _double_products(self, p):  # Fourier products in double instead of float32
    if self.num_freqs == 0:
        return p
    f = torch.tensor(2.0 ** np.arange(self.num_freqs) * (math.pi if self.include_pi else 1.0))
    e = (p.double().unsqueeze(-1) * f).reshape(*p.shape[:-1], -1)
    return torch.cat([p, torch.sin(e).to(p.dtype), torch.cos(e).to(p.dtype)], -1)


_gelu = torch.nn.functional.gelu
MUTATIONS = [
    ("ln_post eps 1e-6 (should be 1e-5)", lambda: setattr(vr, "LN_POST_EPS", 1e-6),
     lambda: setattr(vr, "LN_POST_EPS", 1e-5)),
    ("block/qk-norm eps 1e-5 (should be 1e-6)", lambda: setattr(vr, "BLOCK_LN_EPS", 1e-5),
     lambda: setattr(vr, "BLOCK_LN_EPS", 1e-6)),
    ("tanh GELU (should be erf)",
     lambda: setattr(torch.nn.functional, "gelu", lambda x: _gelu(x, approximate="tanh")),
     lambda: setattr(torch.nn.functional, "gelu", _gelu)),
    ("textbook c_qkv split", lambda: setattr(vr.MultiheadAttention, "forward", _textbook_self), None),
    ("textbook c_kv split", lambda: setattr(vr.MultiheadCrossAttention, "forward", _textbook_cross), None),
    ("Fourier products in double", lambda: setattr(vr.FourierEmbedder, "forward", _double_products), None),
]


def _textbook_dit_self(self, x):  # [Q|K|V] read as [3][heads][d] instead of [heads][3][d]
    b, n, c = x.shape
    d = c // self.heads
    q, k, v = (p(x).view(b, n, self.heads, d).transpose(1, 2) for p in (self.to_q, self.to_k, self.to_v))
    o = dr.attention(self.q_norm(q), self.k_norm(k), v)
    return self.out_proj(o.transpose(1, 2).reshape(b, n, c))


def _textbook_dit_cross(self, x, y):  # [K|V] read as [2][heads][d]
    b, n, c = x.shape
    d = c // self.heads
    q = self.to_q(x).view(b, n, self.heads, d).transpose(1, 2)
    k, v = (p(y).view(b, y.shape[1], self.heads, d).transpose(1, 2) for p in (self.to_k, self.to_v))
    o = dr.attention(self.q_norm(q), self.k_norm(k), v)
    return self.out_proj(o.transpose(1, 2).reshape(b, n, c))


def _renormalised_route(self, x):  # top-k weights divided by their sum (norm_topk_prob true)
    idx, w = _route(self, x)
    return idx, w / w.sum(-1, keepdim=True)


def _skip_last(self, x, cond, skip_value=None):  # concat([h, skip]) instead of [skip, h]
    if self.skip_linear is not None:
        x = self.skip_norm(self.skip_linear(torch.cat([x, skip_value], dim=-1)))
    x = x + self.attn1(self.norm1(x))
    x = x + self.attn2(self.norm2(x), cond)
    h = self.norm3(x)
    return x + (self.moe(h) if self.use_moe else self.mlp(h))


def _sinusoid_cos_first(t, channels):  # flip_sin_to_cos
    e = _sinusoid(t, channels)
    return torch.cat([e[:, channels // 2:], e[:, :channels // 2]], -1)


def _sinusoid_times_1000(t, channels):  # the DDPM convention: t·1000
    return _sinusoid(t * 1000, channels)


_route, _sinusoid = dr.MoEBlock.route, dr.timestep_sinusoid
DIT_MUTATIONS = [
    ("RMS qk-norm eps 1e-5 (should be 1e-6)", lambda: setattr(dr.RMSNorm, "__init__", _rms_init(1e-5)),
     lambda: setattr(dr.RMSNorm, "__init__", _rms_init(dr.NORM_EPS))),
    ("tanh GELU (should be erf)",
     lambda: setattr(torch.nn.functional, "gelu", lambda x, approximate="none": _gelu(x, approximate="tanh")),
     lambda: setattr(torch.nn.functional, "gelu", _gelu)),
    ("textbook self-attention split", lambda: setattr(dr.Attention, "forward", _textbook_dit_self), None),
    ("textbook cross-attention split", lambda: setattr(dr.CrossAttention, "forward", _textbook_dit_cross), None),
    ("top-k weights renormalised", lambda: setattr(dr.MoEBlock, "route", _renormalised_route), None),
    ("skip concat [h, skip]", lambda: setattr(dr.HunYuanDiTBlock, "forward", _skip_last), None),
    ("sinusoid cos first", lambda: setattr(dr, "timestep_sinusoid", _sinusoid_cos_first), None),
    ("sinusoid of t·1000", lambda: setattr(dr, "timestep_sinusoid", _sinusoid_times_1000), None),
]


def _rms_init(eps):
    def init(self, dim, eps_ignored=dr.NORM_EPS, device=None):
        torch.nn.Module.__init__(self)
        self.eps = eps
        self.weight = torch.nn.Parameter(torch.ones(dim, device=device))
    return init


def run(cases, label):
    fails = []
    for c in cases:
        b = read_bundle(os.path.join(BUNDLES, c.name + ".safetensors"))
        vae_bundles._MODELS.clear()  # rebuild models so constructor-time constants (eps) take effect
        dit_bundles._MODELS.clear()
        out = c.compute(torch.float32)
        worst = max(precision.check(to_numpy(v), b.outputs[k], float(b.metadata["rtol"]),
                                    float(b.metadata["atol"]))[1] for k, v in out.items())
        if worst > 1:
            fails.append(f"{c.name} ({worst:.2g}x)")
    print(f"{label}: {len(fails)}/{len(cases)} bundles fail" + (": " + ", ".join(fails) if fails else ""))
    return fails


def main():
    torch.set_num_threads(1)
    cases = [c for c in vae_bundles.cases() if c.module in ("fourier_embedder", "vae.encoder", "vae.decoder",
                                                            "vae.geo_decoder", "volume")]
    assert not run(cases, "baseline (no mutation)"), "the unmutated reference must pass"
    saved = (vr.MultiheadAttention.forward, vr.MultiheadCrossAttention.forward, vr.FourierEmbedder.forward)
    for label, apply, undo in MUTATIONS:
        apply()
        try:
            run(cases, label)
        finally:
            if undo:
                undo()
            vr.MultiheadAttention.forward, vr.MultiheadCrossAttention.forward, vr.FourierEmbedder.forward = saved
    dit_cases = dit_bundles.cases()
    assert not run(dit_cases, "DiT baseline (no mutation)"), "the unmutated DiT reference must pass"
    saved = (dr.Attention.forward, dr.CrossAttention.forward, dr.MoEBlock.route, dr.HunYuanDiTBlock.forward,
             dr.timestep_sinusoid)
    for label, apply, undo in DIT_MUTATIONS:
        apply()
        try:
            run(dit_cases, label)
        finally:
            if undo:
                undo()
            (dr.Attention.forward, dr.CrossAttention.forward, dr.MoEBlock.route, dr.HunYuanDiTBlock.forward,
             dr.timestep_sinusoid) = saved


if __name__ == "__main__":
    main()
