"""A second, independent implementation of the golden VAE modules in plain numpy, written straight from the
formulas of spec section 2 (explicit per-head slices such as q_h = u[3d·h : 3d·h+d]), working on a flat
state dict. The generator uses it as a self-check of ``vae_reference.py``:

* in float64 it must agree with the torch float64 run to ~1e-12 (same maths, different code and order);
* in float32 (numpy/BLAS summation order, not torch's) it must pass the bundle's own tolerances, which is a
  rehearsal of what the Java port has to do.
"""

import math

import numpy as np

try:
    from scipy.special import erf as _erf
except ImportError:  # scipy is optional
    _erf = np.vectorize(math.erf, otypes=[np.float64])


def _erf_dtype(x):
    return _erf(x.astype(np.float64)).astype(x.dtype)


class SpecVAE:
    def __init__(self, state_dict, config, dtype):
        self.sd = {k: np.asarray(v, dtype=dtype) for k, v in state_dict.items()}
        self.cfg = config
        self.dt = dtype

    # --- primitives -------------------------------------------------------------------------------------
    def linear(self, x, key):
        y = x @ self.sd[key + ".weight"].T
        b = self.sd.get(key + ".bias")
        return y + b if b is not None else y

    def ln(self, x, key, eps):
        mu = x.mean(axis=-1, keepdims=True)
        var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
        return (x - mu) / np.sqrt(var + self.dt(eps)) * self.sd[key + ".weight"] + self.sd[key + ".bias"]

    def gelu(self, x):
        return self.dt(0.5) * x * (self.dt(1.0) + _erf_dtype(x / self.dt(math.sqrt(2.0))))

    @staticmethod
    def softmax_attend(q, k, v):
        s = (q @ np.swapaxes(k, -1, -2)) / q.dtype.type(math.sqrt(q.shape[-1]))
        s = np.exp(s - s.max(axis=-1, keepdims=True))
        return (s / s.sum(axis=-1, keepdims=True)) @ v

    def fourier(self, p):
        nf = self.cfg["num_freqs"]
        if nf == 0:
            return p
        f = [np.float32(2.0 ** j) for j in range(nf)]
        if self.cfg["include_pi"]:
            f = [fj * np.float32(math.pi) for fj in f]  # float32 product, exact (power-of-two scaling)
        sins, coss = [], []
        for c in range(3):
            for j in range(nf):
                e = (p[..., c].astype(np.float32) * f[j]).astype(np.float32)  # rounded to float32 (spec 2.5)
                sins.append(np.sin(e.astype(self.dt)))
                coss.append(np.cos(e.astype(self.dt)))
        return np.concatenate([p, np.stack(sins, -1), np.stack(coss, -1)], axis=-1).astype(self.dt)

    # --- blocks (spec 2.6) ------------------------------------------------------------------------------
    def self_block(self, x, pre):
        heads = self.cfg["heads"]
        d = self.cfg["width"] // heads
        u = self.linear(self.ln(x, pre + "ln_1", 1e-6), pre + "attn.c_qkv")
        outs = []
        for h in range(heads):
            q = u[..., 3 * d * h: 3 * d * h + d]
            k = u[..., 3 * d * h + d: 3 * d * h + 2 * d]
            v = u[..., 3 * d * h + 2 * d: 3 * d * h + 3 * d]
            if self.cfg["qk_norm"]:
                q = self.ln(q, pre + "attn.attention.q_norm", 1e-6)
                k = self.ln(k, pre + "attn.attention.k_norm", 1e-6)
            outs.append(self.softmax_attend(q, k, v))
        x = x + self.linear(np.concatenate(outs, -1), pre + "attn.c_proj")
        return x + self.linear(self.gelu(self.linear(self.ln(x, pre + "ln_2", 1e-6), pre + "mlp.c_fc")),
                               pre + "mlp.c_proj")

    def cross_block(self, x, data, pre, qk_norm):
        heads = self.cfg["heads"]
        d = self.cfg["width"] // heads
        q_all = self.linear(self.ln(x, pre + "ln_1", 1e-6), pre + "attn.c_q")
        kv = self.linear(self.ln(data, pre + "ln_2", 1e-6), pre + "attn.c_kv")
        outs = []
        for h in range(heads):
            q = q_all[..., d * h: d * h + d]
            k = kv[..., 2 * d * h: 2 * d * h + d]
            v = kv[..., 2 * d * h + d: 2 * d * h + 2 * d]
            if qk_norm:
                q = self.ln(q, pre + "attn.attention.q_norm", 1e-6)
                k = self.ln(k, pre + "attn.attention.k_norm", 1e-6)
            outs.append(self.softmax_attend(q, k, v))
        x = x + self.linear(np.concatenate(outs, -1), pre + "attn.c_proj")
        return x + self.linear(self.gelu(self.linear(self.ln(x, pre + "ln_3", 1e-6), pre + "mlp.c_fc")),
                               pre + "mlp.c_proj")

    # --- modules ----------------------------------------------------------------------------------------
    def encoder(self, surface, data_index, query_index):
        surface = np.asarray(surface, dtype=self.dt)
        b = np.arange(surface.shape[0])[:, None]
        q_rows, d_rows = surface[b, query_index], surface[b, data_index]

        def embed(r):
            return self.linear(np.concatenate([self.fourier(r[..., :3]), r[..., 3:]], -1), "encoder.input_proj")

        x = self.cross_block(embed(q_rows), embed(d_rows), "encoder.cross_attn.", self.cfg["qk_norm"])
        for i in range(self.cfg["num_encoder_layers"]):
            x = self.self_block(x, f"encoder.self_attn.resblocks.{i}.")
        x = self.ln(x, "encoder.ln_post", 1e-5)
        mom = self.linear(x, "pre_kl")
        e = self.cfg["embed_dim"]
        return {"hidden": x, "mean": mom[..., :e], "logvar": np.clip(mom[..., e:], -30.0, 20.0)}

    def decoder(self, z):
        x = self.linear(np.asarray(z, dtype=self.dt), "post_kl")
        for i in range(self.cfg["num_decoder_layers"]):
            x = self.self_block(x, f"transformer.resblocks.{i}.")
        return {"latents": x}

    def geo_decoder(self, latents, queries):
        ln_post = self.cfg["geo_decoder_ln_post"]
        x = self.linear(self.fourier(np.asarray(queries, dtype=self.dt)), "geo_decoder.query_proj")
        x = self.cross_block(x, np.asarray(latents, dtype=self.dt), "geo_decoder.cross_attn_decoder.",
                             self.cfg["qk_norm"] and ln_post)
        if ln_post:
            x = self.ln(x, "geo_decoder.ln_post", 1e-5)
        return {"logits": self.linear(x, "geo_decoder.output_proj")}

    def volume(self, latents, bounds, r):
        b = float(bounds)
        axis = np.array([-b + i * ((2 * b) / r) for i in range(r)] + [b]).astype(np.float32)
        pts = np.stack(np.meshgrid(axis, axis, axis, indexing="ij"), -1).reshape(1, -1, 3)
        latents = np.asarray(latents, dtype=self.dt)
        out = [self.geo_decoder(latents[i:i + 1], pts)["logits"] for i in range(latents.shape[0])]
        return {"grid": np.concatenate(out, 0).reshape(latents.shape[0], r + 1, r + 1, r + 1)}


class SpecDiT(SpecVAE):
    """HunYuanDiTPlain from spec section 3 with the scramble written as explicit slices of the per-token concat:
    self-attention head h takes query u[3d·h : 3d·h+d], key u[3d·h+d : 3d·h+2d], value u[3d·h+2d : 3d·h+3d] of
    u = [to_q(n) | to_k(n) | to_v(n)]; cross-attention head h takes key kv[2d·h : 2d·h+d], value
    kv[2d·h+d : 2d·h+2d] of kv = [to_k(c) | to_v(c)]. MoE routing token by token.

    The float32 timestep sinusoid is numpy's own unless ``sinusoid`` (t -> [B, hidden] float32) is given: numpy's
    and torch's float32 exp/sin differ in the last bit for some elements, which is within the tolerances but far
    above the ~1e-15 that the float64 comparison with torch demands, so that comparison passes torch's sinusoid in.
    """

    def __init__(self, state_dict, config, dtype, sinusoid=None):
        super().__init__(state_dict, config, dtype)
        self.sinusoid = sinusoid

    def qk_norm(self, x, key):
        if not self.cfg["qk_norm"]:
            return x
        if self.cfg["qk_norm_type"] == "layer":
            return self.ln(x, key, 1e-6)
        return x / np.sqrt((x * x).mean(axis=-1, keepdims=True) + self.dt(1e-6)) * self.sd[key + ".weight"]

    def timestep(self, t):
        """spec 3.3, evaluated in float32 whatever the working dtype (as upstream does)."""
        half = self.cfg["hidden_size"] // 2
        if self.sinusoid is not None:
            freq = np.asarray(self.sinusoid(t), np.float32).astype(self.dt)
        else:
            omega = np.exp((np.float32(-math.log(10000)) * np.arange(half, dtype=np.float32)) / np.float32(half))
            arg = np.asarray(t, np.float32)[:, None] * omega.astype(np.float32)[None, :]
            freq = np.concatenate([np.sin(arg), np.cos(arg)], -1).astype(self.dt)
        return self.linear(self.gelu(self.linear(freq, "t_embedder.mlp.0")), "t_embedder.mlp.2")[:, None, :]

    def ffn(self, x, up, down):
        return self.linear(self.gelu(self.linear(x, up)), down)

    def moe(self, x, pre):
        flat = x.reshape(-1, x.shape[-1])
        logits = flat @ self.sd[pre + "gate.weight"].T
        p = np.exp(logits - logits.max(-1, keepdims=True))
        p = p / p.sum(-1, keepdims=True)
        y = np.zeros_like(flat)
        for r in range(flat.shape[0]):
            top = np.argsort(-p[r], kind="stable")[: self.cfg["moe_top_k"]]
            for e in sorted(top):  # raw probabilities, experts summed in index order
                y[r] += p[r, e] * self.ffn(flat[r], f"{pre}experts.{e}.net.0.proj", f"{pre}experts.{e}.net.2")
        return y.reshape(x.shape) + self.ffn(x, pre + "shared_experts.net.0.proj", pre + "shared_experts.net.2")

    def block(self, x, cond, i, skip):
        pre = f"blocks.{i}."
        heads = self.cfg["num_heads"]
        d = self.cfg["hidden_size"] // heads
        if skip is not None:
            x = self.ln(self.linear(np.concatenate([skip, x], -1), pre + "skip_linear"), pre + "skip_norm", 1e-6)
        n = self.ln(x, pre + "norm1", 1e-6)
        u = np.concatenate([self.linear(n, pre + "attn1.to_" + p) for p in "qkv"], -1)
        outs = []
        for h in range(heads):
            q = self.qk_norm(u[..., 3 * d * h: 3 * d * h + d], pre + "attn1.q_norm")
            k = self.qk_norm(u[..., 3 * d * h + d: 3 * d * h + 2 * d], pre + "attn1.k_norm")
            outs.append(self.softmax_attend(q, k, u[..., 3 * d * h + 2 * d: 3 * d * h + 3 * d]))
        x = x + self.linear(np.concatenate(outs, -1), pre + "attn1.out_proj")
        q_all = self.linear(self.ln(x, pre + "norm2", 1e-6), pre + "attn2.to_q")
        kv = np.concatenate([self.linear(cond, pre + "attn2.to_k"), self.linear(cond, pre + "attn2.to_v")], -1)
        outs = []
        for h in range(heads):
            q = self.qk_norm(q_all[..., d * h: d * h + d], pre + "attn2.q_norm")
            k = self.qk_norm(kv[..., 2 * d * h: 2 * d * h + d], pre + "attn2.k_norm")
            outs.append(self.softmax_attend(q, k, kv[..., 2 * d * h + d: 2 * d * h + 2 * d]))
        x = x + self.linear(np.concatenate(outs, -1), pre + "attn2.out_proj")
        n3 = self.ln(x, pre + "norm3", 1e-6)
        if pre + "moe.gate.weight" in self.sd:
            return x + self.moe(n3, pre + "moe.")
        return x + self.ffn(n3, pre + "mlp.fc1", pre + "mlp.fc2")

    def dit(self, x, t, cond):
        depth = self.cfg["depth"]
        x = np.asarray(x, dtype=self.dt)
        cond = np.asarray(cond, dtype=self.dt)
        h = np.concatenate([self.timestep(t), self.linear(x, "x_embedder")], 1)
        stack = []
        for i in range(depth):
            h = self.block(h, cond, i, stack.pop() if i > depth // 2 else None)
            if i < depth // 2:
                stack.append(h)
        h = self.ln(h, "final_layer.norm_final", 1e-6)[:, 1:]
        return {"v": self.linear(h, "final_layer.linear")}
