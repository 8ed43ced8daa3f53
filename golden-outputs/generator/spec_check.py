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
