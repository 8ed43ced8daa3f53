"""The golden cases of the denoiser HunYuanDiTPlain (spec section 3): ``dit.timestep`` and ``dit``.

Configurations (every HunYuanDiTPlain argument of ``dit_reference.DIT_KEYS`` spelled out; batch 2):
  a   hidden 24, 3 heads (head dim 8), depth 5: long skips (blocks 0, 1 push; 2 is the middle; 3 ← 1, 4 ← 0) and
      MoE in blocks 3, 4 (3 experts, top 2); RMS qk-norm, no qkv bias, as released
  b   hidden 32, 2 heads (16), depth 2: no skips, no MoE, qk-norm off
  c   hidden 16, 2 heads (8), depth 4 (even: block 0's output is pushed and never used), every block MoE
      (4 experts, top 2), LayerNorm qk-norm, qkv biases
  e   as b but with RMS qk-norm and to_q/to_k of both attentions scaled by 1e-3, so mean(q²) ~ 1e-6 and the
      RMSNorm eps (1e-6, inside the root) moves the output far beyond the tolerance
With 3 or 4 heads the self-attention scramble (head h reads rows 3d·h … 3d·h+3d of [Q|K|V]) mixes q, k and v
sources within a head, and the cross-attention scramble gives the first half of the heads keys and values from
to_k and the second half from to_v.
"""

import copy

import numpy as np
import torch

from dit_reference import DIT_KEYS, RELEASED_CONFIG, HunYuanDiTPlain, timestep_sinusoid
from golden_case import Case, check_layout, config_from, randomize_, seed_of, select_weights, to_numpy
from spec_check import SpecDiT

B = 2

_BASE = dict(input_size=24, in_channels=8, hidden_size=24, context_dim=16, depth=5, num_heads=3, qk_norm=True,
             qk_norm_type="rms", qkv_bias=False, num_moe_layers=2, num_experts=3, moe_top_k=2, text_len=10,
             use_attention_pooling=False, use_pos_emb=False, with_decoupled_ca=False)


def _cfg(**changes):
    return config_from(_BASE, DIT_KEYS, **changes)


CONFIGS = {
    "a": _cfg(),
    "b": _cfg(input_size=20, in_channels=4, hidden_size=32, context_dim=8, depth=2, num_heads=2, qk_norm=False,
              num_moe_layers=0, text_len=7),
    "c": _cfg(input_size=16, in_channels=6, hidden_size=16, context_dim=12, depth=4, num_heads=2,
              qk_norm_type="layer", qkv_bias=True, num_moe_layers=4, num_experts=4, text_len=9),
    "e": _cfg(input_size=20, in_channels=4, hidden_size=32, context_dim=8, depth=2, num_heads=2, num_moe_layers=0,
              text_len=7),
    # dit.timestep only (t_embedder weights): hidden 64, so 32 frequencies
    "t64": _cfg(hidden_size=64, num_heads=4, depth=1, num_moe_layers=0),
}
SMALL_QK = {"e": 1e-3}

_MODELS = {}


def model(name, dtype=torch.float32):
    if name not in _MODELS:
        m = randomize_(HunYuanDiTPlain(**CONFIGS[name]), seed_of("dit-" + name)).eval()
        if name in SMALL_QK:
            with torch.no_grad():
                for k, p in m.named_parameters():
                    if ".to_q." in k or ".to_k." in k:
                        p.mul_(SMALL_QK[name])
        _MODELS[name] = {torch.float32: m, torch.float64: copy.deepcopy(m).double()}
    return _MODELS[name][dtype]


def _torch_sinusoid(name):
    return lambda t: to_numpy(timestep_sinusoid(torch.from_numpy(np.asarray(t, np.float32)),
                                                CONFIGS[name]["hidden_size"]))


def _spec(name, dtype):
    """The independent numpy DiT; in float64 with torch's float32 sinusoid (see SpecDiT)."""
    return SpecDiT({k: to_numpy(v) for k, v in model(name).state_dict().items()}, CONFIGS[name], dtype,
                   _torch_sinusoid(name) if dtype == np.float64 else None)


def _highlights(c):
    moe = f" MoE×{c['num_moe_layers']} ({c['num_experts']} experts, top {c['moe_top_k']})" if c["num_moe_layers"] else ""
    skips = c["depth"] - c["depth"] // 2 - 1
    qk = f"{c['qk_norm_type']} qk-norm" if c["qk_norm"] else "no qk-norm"
    return (f"hidden {c['hidden_size']}, {c['num_heads']} heads, depth {c['depth']} ({skips} skip blocks){moe}, "
            f"{qk}{', qkv bias' if c['qkv_bias'] else ''}, C {c['in_channels']}, context {c['context_dim']}")


# t in [0, 1] (spec 5.1/5.2): the ends, the first Euler step 1/49 and its fp16-rounded form, interior values
TIMES = np.array([0.0, 1.0, 1 / 49, float(np.float16(1 / 49)), 0.5, 0.9795918, 0.123456], dtype=np.float32)


def timestep_cases():
    out = []
    for cname in ("t64", "a"):
        cfg = CONFIGS[cname]
        name = f"dit-timestep-{cname}"

        def compute(dtype, cname=cname):
            with torch.no_grad():
                return {"embedding": model(cname, dtype).t_embedder(torch.from_numpy(TIMES))}

        def indep(np_dtype, cname=cname):
            return {"embedding": _spec(cname, np_dtype).timestep(TIMES)}

        out.append(Case(name, "dit.timestep", cfg, select_weights(model(cname).state_dict(), ("t_embedder.",)),
                        {"t": TIMES}, compute,
                        f"hidden {cfg['hidden_size']} ({cfg['hidden_size'] // 2} frequencies), t ∈ {{0, 1, 1/49, "
                        f"fp16(1/49), 0.5, 48/49, 0.123456}}", independent=indep))
    return out


def dit_cases():
    out = []
    for cname, times, extra in (("a", (0.0, 0.6938776), "released-like structure"),
                                ("b", (1.0, 0.3265306), "plain blocks"),
                                ("c", (0.5, 1 / 49), "even depth (one pushed value unused), all blocks MoE"),
                                ("e", (0.75, 0.1), "to_q/to_k ×1e-3: the RMS qk-norm eps matters")):
        cfg = CONFIGS[cname]
        name = f"dit-{cname}"
        rng = np.random.default_rng(seed_of(name))
        x = rng.standard_normal((B, cfg["input_size"], cfg["in_channels"])).astype(np.float32)
        t = np.array(times, dtype=np.float32)
        cond = rng.standard_normal((B, cfg["text_len"], cfg["context_dim"])).astype(np.float32)

        def compute(dtype, cname=cname, x=x, t=t, cond=cond):
            with torch.no_grad():
                return {"v": model(cname, dtype)(torch.from_numpy(x).to(dtype), torch.from_numpy(t),
                                                 torch.from_numpy(cond).to(dtype))}

        def indep(np_dtype, cname=cname, x=x, t=t, cond=cond):
            return _spec(cname, np_dtype).dit(x, t, cond)

        def routing(cname=cname, x=x, t=t, cond=cond):
            return {"min_top_k_gap": moe_margin(cname, x, t, cond)} if CONFIGS[cname]["num_moe_layers"] else {}

        out.append(Case(name, "dit", cfg, select_weights(model(cname).state_dict(), ("",)),
                        {"x": x, "t": t, "cond": cond}, compute,
                        f"config {cname}: {_highlights(cfg)}; N {cfg['input_size']}, S {cfg['text_len']}, "
                        f"t = {', '.join(f'{v:.4g}' for v in t)}; {extra}",
                        independent=indep, informational=routing))
    return out


def moe_margin(cname, x, t, cond):
    """The smallest gap, over every MoE layer and token, between the k-th and (k+1)-th softmax probability: how
    far the routing decisions are from a tie (a float32 port must route identically)."""
    m = model(cname)
    gaps = []

    def hook(module, inputs, _):
        scores = torch.softmax(torch.nn.functional.linear(inputs[0].reshape(-1, inputs[0].shape[-1]),
                                                          module.gate.weight), dim=-1)
        s = torch.sort(scores, dim=-1, descending=True).values
        gaps.append(float((s[:, module.top_k - 1] - s[:, module.top_k]).min()))

    handles = [b.moe.register_forward_hook(hook) for b in m.blocks if b.use_moe]
    with torch.no_grad():
        m(torch.from_numpy(x), torch.from_numpy(t), torch.from_numpy(cond))
    for h in handles:
        h.remove()
    return min(gaps)


# spec 7.2 / 7.3
RELEASED_COUNTS = {"": (752, 3050758720), "x_embedder.": (2, 133120), "t_embedder.": (4, 33564672),
                   "blocks.": (None, 3016925696), "final_layer.": (4, 135232)}
RELEASED_SHAPES = {
    "x_embedder.weight": (2048, 64), "t_embedder.mlp.0.weight": (8192, 2048), "t_embedder.mlp.2.weight": (2048, 8192),
    "final_layer.norm_final.weight": (2048,), "final_layer.linear.weight": (64, 2048), "final_layer.linear.bias": (64,),
    "blocks.0.attn1.to_q.weight": (2048, 2048), "blocks.0.attn1.q_norm.weight": (128,),
    "blocks.20.attn1.out_proj.bias": (2048,), "blocks.0.attn2.to_k.weight": (2048, 1024),
    "blocks.0.attn2.to_v.weight": (2048, 1024), "blocks.14.mlp.fc1.weight": (8192, 2048),
    "blocks.14.mlp.fc2.weight": (2048, 8192), "blocks.11.skip_linear.weight": (2048, 4096),
    "blocks.20.skip_norm.bias": (2048,), "blocks.15.moe.gate.weight": (8, 2048),
    "blocks.15.moe.experts.7.net.0.proj.weight": (8192, 2048), "blocks.20.moe.experts.0.net.2.weight": (2048, 8192),
    "blocks.20.moe.shared_experts.net.0.proj.bias": (8192,),
}


def self_test():
    """Key names and shapes of dit_reference against spec 7.2/7.3 (released config, meta device)."""
    sd = HunYuanDiTPlain(**RELEASED_CONFIG, device="meta").state_dict()
    check_layout(sd, RELEASED_COUNTS, RELEASED_SHAPES)
    assert not any(k.startswith("blocks.10.skip") or k.startswith("blocks.14.moe") or k.startswith("blocks.15.mlp")
                   for k in sd)
    assert not any(k.endswith(("to_q.bias", "to_k.bias", "to_v.bias")) for k in sd)
    return "released HunYuanDiTPlain: 752 tensors, 3,050,758,720 params, spec 7.2 sub-counts and 7.3 shapes match"


def cases():
    return timestep_cases() + dit_cases()
