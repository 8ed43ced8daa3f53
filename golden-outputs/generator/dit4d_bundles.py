"""The golden cases of Sculpt4D's 4D parts (golden-format.md, sculpt4d-method.md §1-3): ``mask4d``, ``dit4d`` and
``sampler``, from ``dit4d_reference`` (masks and the 4D DiT written from the spec's formulas) and
``sampler_reference`` (the flow-matching Euler loop with guidance).

mask4d   T = 4 frames of N = 12 latent tokens, blocks of 3: every preset, plus sculpt4d with only the anchor's
         column; outputs ``blocks`` (the spec's table) and ``tokens`` (the token-level mask, 1 = attended)
dit4d    a small DiT (hidden 16, 2 heads, depth 3: one long skip, the last block MoE), T = 3, N = 7, blocks of 3,
         half-life 1, anchor column only, under sculpt4d (block-sparse: 89 % of the token pairs against the token
         mask's 68 %), temporal-only (aligned) and full; the reference is dense attention with the
         mask the Java kernel computes (``dit4d_reference.attended``)
sampler  the same DiT under the §5.3 loop, 3 steps, guidance 5: T = 1 (the 3D model), and T = 3 with the sculpt4d
         mask from shared noise (one [N, C] draw repeated over the frames, §3) and from independent noise
"""

import copy

import numpy as np
import torch

import dit4d_reference
from dit4d_reference import block_mask, dit4d, token_mask
from dit_reference import DIT_KEYS, HunYuanDiTPlain
from golden_case import Case, config_from, randomize_, seed_of, select_weights
from sampler_reference import sample

FRAMES, TOKENS = 4, 12
MASK_BASE = dict(block_size=3, half_life=1.5, stride=2, anchor_row=True, anchor_col=True)

DIT_CONFIG = config_from(
    dict(input_size=7, in_channels=4, hidden_size=16, context_dim=8, depth=3, num_heads=2, qk_norm=True,
         qk_norm_type="rms", qkv_bias=False, num_moe_layers=1, num_experts=3, moe_top_k=2, text_len=5,
         use_attention_pooling=False, use_pos_emb=False, with_decoupled_ca=False), DIT_KEYS)
DIT_MASK = dict(MASK_BASE, block_size=3, half_life=1.0, anchor_row=False)
B = 2

_MODEL = {}


def model(dtype):
    if dtype not in _MODEL:
        m = randomize_(HunYuanDiTPlain(**DIT_CONFIG), seed_of("dit4d")).eval()
        _MODEL[dtype] = copy.deepcopy(m).to(dtype)
    return _MODEL[dtype]


def mask_cases():
    out = []
    variants = [(p, dict(MASK_BASE, preset=p)) for p in ("sculpt4d", "no-sink", "fixed-stride", "temporal-only", "full")]
    variants.append(("sculpt4d-column", dict(MASK_BASE, preset="sculpt4d", anchor_row=False)))
    for label, mask in variants:
        config = {"frames": FRAMES, "tokens": TOKENS, "mask": mask}

        def compute(dtype, mask=mask):
            return {"blocks": block_mask(FRAMES, TOKENS, mask), "tokens": token_mask(FRAMES, TOKENS, mask).long()}

        out.append(Case(f"mask4d-{label}", "mask4d", config, {}, {}, compute,
                        f"{label}: T {FRAMES}, N {TOKENS}, block {mask['block_size']}, half-life {mask['half_life']}, "
                        f"stride {mask['stride']}, anchor row {mask['anchor_row']}, column {mask['anchor_col']}",
                        exact=True))
    return out


def _config4d(frames, preset, **extra):
    c = dict(DIT_CONFIG, frames=frames, mask=dict(DIT_MASK, preset=preset))
    c.update(extra)
    return c


def dit4d_cases():
    out = []
    frames = 3
    for preset in ("sculpt4d", "temporal-only", "full"):
        name = f"dit4d-{preset}"
        rng = np.random.default_rng(seed_of(name))
        x = rng.standard_normal((B, frames, DIT_CONFIG["input_size"], DIT_CONFIG["in_channels"])).astype(np.float32)
        t = np.array([0.25, 0.8], dtype=np.float32)
        cond = rng.standard_normal((B, frames, DIT_CONFIG["text_len"], DIT_CONFIG["context_dim"])).astype(np.float32)
        mask = dict(DIT_MASK, preset=preset)

        def compute(dtype, x=x, t=t, cond=cond, mask=mask):
            with torch.no_grad():
                return {"v": dit4d(model(dtype), torch.from_numpy(x).to(dtype), torch.from_numpy(t).to(dtype),
                                   torch.from_numpy(cond).to(dtype), mask)}

        out.append(Case(name, "dit4d", _config4d(frames, preset), select_weights(model(torch.float32).state_dict(), ("",)),
                        {"x": x, "t": t, "cond": cond}, compute,
                        f"hidden 16, 2 heads, depth 3 (skip, MoE), T {frames}, N 7, S 5, mask {preset}"))
    return out


def sampler_cases():
    out = []
    n, c, s = DIT_CONFIG["input_size"], DIT_CONFIG["in_channels"], DIT_CONFIG["text_len"]
    for label, frames, noise_mode in (("t1", 1, "shared"), ("t3-shared", 3, "shared"), ("t3-independent", 3, "independent")):
        name = f"sampler-{label}"
        rng = np.random.default_rng(seed_of(name))
        if noise_mode == "shared":
            noise = np.repeat(rng.standard_normal((1, 1, n, c)), frames, axis=1).astype(np.float32)
        else:
            noise = rng.standard_normal((1, frames, n, c)).astype(np.float32)
        cond = rng.standard_normal((1, frames, s, DIT_CONFIG["context_dim"])).astype(np.float32)
        steps, scale = 3, 5.0
        mask = dict(DIT_MASK, preset="sculpt4d")

        def compute(dtype, noise=noise, cond=cond, frames=frames, mask=mask):
            m = model(dtype)
            if frames == 1:  # the 3D model on [B, N, C]
                velocity = lambda x, t, y: m(x[:, 0], t, y[:, 0])[:, None]  # noqa: E731
            else:
                velocity = lambda x, t, y: dit4d(m, x, t, y, mask)  # noqa: E731
            with torch.no_grad():
                return {"latents": sample(velocity, torch.from_numpy(noise).to(dtype), torch.from_numpy(cond).to(dtype),
                                          steps, scale)}

        config = dict(DIT_CONFIG, steps=steps, guidance_scale=scale)
        if frames > 1:
            config.update(frames=frames, mask=mask)
        out.append(Case(name, "sampler", config, select_weights(model(torch.float32).state_dict(), ("",)),
                        {"noise": noise, "cond": cond}, compute,
                        f"{steps} steps, guidance {scale}, T {frames}" + (f", {noise_mode} noise, mask sculpt4d"
                                                                          if frames > 1 else " (3D DiT)")))
    return out


def self_test():
    """The mask formulas, and the 4D DiT at T = 1 against HunYuanDiTPlain's own forward (any mask is full there)."""
    rng = np.random.default_rng(1)
    x = torch.from_numpy(rng.standard_normal((2, 1, 7, 4))).double()
    cond = torch.from_numpy(rng.standard_normal((2, 1, 5, 8))).double()
    t = torch.tensor([0.3, 0.9], dtype=torch.float64)
    with torch.no_grad():
        got = dit4d(model(torch.float64), x, t, cond, dict(DIT_MASK, preset="sculpt4d"))
        want = model(torch.float64)(x[:, 0], t, cond[:, 0])
    assert torch.allclose(got[:, 0], want, rtol=0, atol=1e-12), float((got[:, 0] - want).abs().max())
    return dit4d_reference.self_test() + "; 4D DiT at T = 1 equals HunYuanDiTPlain"


def cases():
    return mask_cases() + dit4d_cases() + sampler_cases()
