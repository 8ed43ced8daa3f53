"""Torch reference of Hunyuan3D 2.1's ShapeVAE, written from shared/spec/hunyuan3d21-shape.md section 2.

Module attribute names reproduce the upstream ``state_dict`` keys exactly (spec section 7.3), so
``ShapeVAE(**config).state_dict()`` has the same keys and shapes as the released checkpoint, e.g.
``encoder.cross_attn.attn.c_q.weight``, ``transformer.resblocks.0.attn.c_qkv.weight``,
``geo_decoder.output_proj.weight``. Works on torch 1.13 (no scaled_dot_product_attention, no nn.RMSNorm):
attention is spelled out as softmax(q kᵀ / sqrt(d)) v.

Everything runs in the dtype of the module (float32 like upstream, or float64 for the precision study). One
deliberate exception (spec 2.5): the Fourier products x·f_j are rounded to float32 before sin/cos, also in a
float64 run, because that rounding is part of the upstream definition (``FourierEmbedder.f32_products``).

Randomness of the upstream encoder (randperm subset, FPS with random start) is not here: the encoder takes the
data subset and the FPS queries as index tensors (golden-format.md, ``vae.encoder``).
"""

import math

import numpy as np
import torch
import torch.nn as nn

# The constructor arguments of upstream ShapeVAE that a golden config must carry (golden-format.md) plus the
# two class defaults this port also spells out (spec 2.1: downsample_ratio 20 and use_ln_post true are class
# defaults the released config leaves out).
SHAPE_VAE_KEYS = ("num_latents", "embed_dim", "num_freqs", "include_pi", "heads", "width", "num_encoder_layers",
                  "num_decoder_layers", "qkv_bias", "qk_norm", "point_feats", "pc_size", "pc_sharpedge_size",
                  "geo_decoder_mlp_expand_ratio", "geo_decoder_downsample_ratio", "geo_decoder_ln_post",
                  "scale_factor", "downsample_ratio", "use_ln_post")

# spec 2.1 (released config) + class defaults downsample_ratio 20, use_ln_post true
RELEASED_CONFIG = dict(num_latents=4096, embed_dim=64, num_freqs=8, include_pi=False, heads=16, width=1024,
                       num_encoder_layers=8, num_decoder_layers=16, qkv_bias=False, qk_norm=True, point_feats=4,
                       pc_size=81920, pc_sharpedge_size=0, geo_decoder_mlp_expand_ratio=4,
                       geo_decoder_downsample_ratio=1, geo_decoder_ln_post=True,
                       scale_factor=1.0039506158752403, downsample_ratio=20, use_ln_post=True)

BLOCK_LN_EPS = 1e-6   # every LayerNorm inside blocks, and the per-head qk-norm
LN_POST_EPS = 1e-5    # encoder.ln_post and geo_decoder.ln_post (PyTorch default)


def attention(q, k, v):
    """softmax(q kᵀ / sqrt(d)) v over the last two dims; q [..., n, d], k/v [..., m, d]."""
    scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(q.shape[-1]))
    return torch.matmul(torch.softmax(scores, dim=-1), v)


class FourierEmbedder(nn.Module):
    """p -> [p, sin(p_c f_j), cos(p_c f_j)], coordinate-major, f_j = 2^j (·π with include_pi), j < num_freqs."""

    def __init__(self, num_freqs, include_pi, device=None):
        super().__init__()
        freqs = torch.pow(torch.tensor(2.0, dtype=torch.float32),
                          torch.arange(num_freqs, dtype=torch.float32))
        if include_pi:
            freqs = freqs * torch.tensor(math.pi, dtype=torch.float32)  # float32 ×π, as upstream
        self.register_buffer("frequencies", freqs.to(device) if device is not None else freqs, persistent=False)
        self.num_freqs = num_freqs
        self.include_pi = include_pi
        self.out_dim = 3 * (2 * num_freqs + 1)
        self.f32_products = True

    def use_exact_double(self):
        """Precision study only: frequencies 2^j·π and products in the module dtype (no float32 rounding)."""
        f = 2.0 ** np.arange(self.num_freqs, dtype=np.float64) * (math.pi if self.include_pi else 1.0)
        self.frequencies = torch.tensor(f, dtype=torch.float64)
        self.f32_products = False
        return self

    def forward(self, p):
        if self.num_freqs == 0:
            return p
        e = p.unsqueeze(-1) * self.frequencies.to(p.dtype)        # [..., 3, F]
        if self.f32_products and e.dtype != torch.float32:
            e = e.to(torch.float32).to(p.dtype)                     # spec 2.5: products rounded to float32
        e = e.reshape(*p.shape[:-1], 3 * self.num_freqs)            # coordinate-major
        return torch.cat([p, torch.sin(e), torch.cos(e)], dim=-1)


class MLP(nn.Module):
    def __init__(self, width, expand_ratio=4, device=None):
        super().__init__()
        self.c_fc = nn.Linear(width, width * expand_ratio, device=device)
        self.c_proj = nn.Linear(width * expand_ratio, width, device=device)

    def forward(self, x):
        return self.c_proj(nn.functional.gelu(self.c_fc(x)))  # exact (erf) GELU


class HeadNorms(nn.Module):
    """Holds the per-head qk-norm (upstream key ``...attn.attention.{q_norm,k_norm}``); identity when off."""

    def __init__(self, head_dim, qk_norm, device=None):
        super().__init__()
        if qk_norm:
            self.q_norm = nn.LayerNorm(head_dim, eps=BLOCK_LN_EPS, device=device)
            self.k_norm = nn.LayerNorm(head_dim, eps=BLOCK_LN_EPS, device=device)
        else:
            self.q_norm = nn.Identity()
            self.k_norm = nn.Identity()


class MultiheadAttention(nn.Module):
    """Self-attention with one packed projection ``c_qkv``; per token its output is [heads][q|k|v][head_dim]."""

    def __init__(self, width, heads, qkv_bias, qk_norm, device=None):
        super().__init__()
        self.heads = heads
        self.c_qkv = nn.Linear(width, 3 * width, bias=qkv_bias, device=device)
        self.c_proj = nn.Linear(width, width, device=device)
        self.attention = HeadNorms(width // heads, qk_norm, device)

    def forward(self, x):
        b, n, w = x.shape
        d = w // self.heads
        u = self.c_qkv(x).reshape(b, n, self.heads, 3, d)       # per-head interleaved packing (spec 2.6)
        q = self.attention.q_norm(u[:, :, :, 0])
        k = self.attention.k_norm(u[:, :, :, 1])
        v = u[:, :, :, 2]
        o = attention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2))  # [b, h, n, d]
        return self.c_proj(o.transpose(1, 2).reshape(b, n, w))


class MultiheadCrossAttention(nn.Module):
    """Cross-attention: ``c_q`` split plainly per head, ``c_kv`` per token [heads][k|v][head_dim]."""

    def __init__(self, width, heads, qkv_bias, qk_norm, data_width=None, device=None):
        super().__init__()
        self.heads = heads
        self.c_q = nn.Linear(width, width, bias=qkv_bias, device=device)
        self.c_kv = nn.Linear(data_width or width, 2 * width, bias=qkv_bias, device=device)
        self.c_proj = nn.Linear(width, width, device=device)
        self.attention = HeadNorms(width // heads, qk_norm, device)

    def forward(self, x, data):
        b, n, w = x.shape
        m = data.shape[1]
        d = w // self.heads
        q = self.c_q(x).reshape(b, n, self.heads, d)
        kv = self.c_kv(data).reshape(b, m, self.heads, 2, d)
        q = self.attention.q_norm(q)
        k = self.attention.k_norm(kv[:, :, :, 0])
        v = kv[:, :, :, 1]
        o = attention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2))
        return self.c_proj(o.transpose(1, 2).reshape(b, n, w))


class ResidualAttentionBlock(nn.Module):
    def __init__(self, width, heads, qkv_bias, qk_norm, device=None):
        super().__init__()
        self.attn = MultiheadAttention(width, heads, qkv_bias, qk_norm, device)
        self.ln_1 = nn.LayerNorm(width, eps=BLOCK_LN_EPS, device=device)
        self.mlp = MLP(width, 4, device)  # self-attention blocks always expand x4
        self.ln_2 = nn.LayerNorm(width, eps=BLOCK_LN_EPS, device=device)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class ResidualCrossAttentionBlock(nn.Module):
    def __init__(self, width, heads, qkv_bias, qk_norm, mlp_expand_ratio=4, device=None):
        super().__init__()
        self.attn = MultiheadCrossAttention(width, heads, qkv_bias, qk_norm, device=device)
        self.ln_1 = nn.LayerNorm(width, eps=BLOCK_LN_EPS, device=device)
        self.ln_2 = nn.LayerNorm(width, eps=BLOCK_LN_EPS, device=device)
        self.ln_3 = nn.LayerNorm(width, eps=BLOCK_LN_EPS, device=device)
        self.mlp = MLP(width, mlp_expand_ratio, device)

    def forward(self, x, data):
        x = x + self.attn(self.ln_1(x), self.ln_2(data))
        return x + self.mlp(self.ln_3(x))


class Transformer(nn.Module):
    def __init__(self, width, layers, heads, qkv_bias, qk_norm, device=None):
        super().__init__()
        self.resblocks = nn.ModuleList(
            [ResidualAttentionBlock(width, heads, qkv_bias, qk_norm, device) for _ in range(layers)])

    def forward(self, x):
        for blk in self.resblocks:
            x = blk(x)
        return x


class PointCrossAttentionEncoder(nn.Module):
    def __init__(self, fourier_embedder, point_feats, width, heads, layers, qkv_bias, qk_norm, use_ln_post,
                 device=None):
        super().__init__()
        self.fourier_embedder = fourier_embedder
        self.input_proj = nn.Linear(fourier_embedder.out_dim + point_feats, width, device=device)
        self.cross_attn = ResidualCrossAttentionBlock(width, heads, qkv_bias, qk_norm, 4, device)
        self.self_attn = Transformer(width, layers, heads, qkv_bias, qk_norm, device) if layers > 0 else None
        self.ln_post = nn.LayerNorm(width, eps=LN_POST_EPS, device=device) if use_ln_post else None

    def embed(self, rows):
        """rows [B, n, 3 + point_feats] -> [Fourier(xyz), feats] projected to width."""
        return self.input_proj(torch.cat([self.fourier_embedder(rows[..., :3]), rows[..., 3:]], dim=-1))

    def forward(self, surface, data_index, query_index):
        def rows(idx):
            return torch.gather(surface, 1, idx.unsqueeze(-1).expand(-1, -1, surface.shape[-1]))

        x = self.cross_attn(self.embed(rows(query_index)), self.embed(rows(data_index)))
        if self.self_attn is not None:
            x = self.self_attn(x)
        if self.ln_post is not None:
            x = self.ln_post(x)
        return x


class CrossAttentionDecoder(nn.Module):
    def __init__(self, fourier_embedder, width, heads, mlp_expand_ratio, enable_ln_post, qkv_bias, qk_norm,
                 device=None):
        super().__init__()
        self.fourier_embedder = fourier_embedder
        self.query_proj = nn.Linear(fourier_embedder.out_dim, width, device=device)
        if not enable_ln_post:
            qk_norm = False  # upstream quirk (spec 2.10): no ln_post also switches the qk-norm off
        self.cross_attn_decoder = ResidualCrossAttentionBlock(width, heads, qkv_bias, qk_norm, mlp_expand_ratio,
                                                              device)
        self.ln_post = nn.LayerNorm(width, eps=LN_POST_EPS, device=device) if enable_ln_post else None
        self.output_proj = nn.Linear(width, 1, device=device)

    def forward(self, queries, latents):
        x = self.query_proj(self.fourier_embedder(queries.to(latents.dtype)))
        x = self.cross_attn_decoder(x, latents)
        if self.ln_post is not None:
            x = self.ln_post(x)
        return self.output_proj(x)


class ShapeVAE(nn.Module):
    def __init__(self, *, num_latents, embed_dim, num_freqs, include_pi, heads, width, num_encoder_layers,
                 num_decoder_layers, qkv_bias, qk_norm, point_feats, pc_size, pc_sharpedge_size,
                 geo_decoder_mlp_expand_ratio, geo_decoder_downsample_ratio, geo_decoder_ln_post, scale_factor,
                 downsample_ratio, use_ln_post, device=None):
        super().__init__()
        if geo_decoder_downsample_ratio != 1:
            raise NotImplementedError("geo_decoder_downsample_ratio != 1 (latents_proj) is not modelled")
        if width % heads:
            raise ValueError(f"width {width} is not a multiple of heads {heads}")
        self.config = dict(num_latents=num_latents, embed_dim=embed_dim, num_freqs=num_freqs,
                           include_pi=include_pi, heads=heads, width=width, num_encoder_layers=num_encoder_layers,
                           num_decoder_layers=num_decoder_layers, qkv_bias=qkv_bias, qk_norm=qk_norm,
                           point_feats=point_feats, pc_size=pc_size, pc_sharpedge_size=pc_sharpedge_size,
                           geo_decoder_mlp_expand_ratio=geo_decoder_mlp_expand_ratio,
                           geo_decoder_downsample_ratio=geo_decoder_downsample_ratio,
                           geo_decoder_ln_post=geo_decoder_ln_post, scale_factor=scale_factor,
                           downsample_ratio=downsample_ratio, use_ln_post=use_ln_post)
        self.fourier_embedder = FourierEmbedder(num_freqs, include_pi, device)
        self.encoder = PointCrossAttentionEncoder(self.fourier_embedder, point_feats, width, heads,
                                                  num_encoder_layers, qkv_bias, qk_norm, use_ln_post, device)
        self.pre_kl = nn.Linear(width, 2 * embed_dim, device=device)
        self.post_kl = nn.Linear(embed_dim, width, device=device)
        self.transformer = Transformer(width, num_decoder_layers, heads, qkv_bias, qk_norm, device)
        self.geo_decoder = CrossAttentionDecoder(self.fourier_embedder, width, heads, geo_decoder_mlp_expand_ratio,
                                                 geo_decoder_ln_post, qkv_bias, qk_norm, device)

    # --- the golden modules -------------------------------------------------------------------------------
    def encode_moments(self, surface, data_index, query_index):
        """vae.encoder: hidden (after ln_post), posterior mean and clamped logvar (spec 2.7-2.8)."""
        hidden = self.encoder(surface, data_index, query_index)
        moments = self.pre_kl(hidden)
        e = self.config["embed_dim"]
        return hidden, moments[..., :e], torch.clamp(moments[..., e:], -30.0, 20.0)

    def decode(self, z):
        """vae.decoder: z (already divided by scale_factor) -> latents (spec 2.9; no final norm)."""
        return self.transformer(self.post_kl(z))

    def volume(self, latents, bounds, octree_resolution, num_chunks=4096):
        """volume: geo decoder over the (R+1)^3 grid of spec 6.1 -> [B, R+1, R+1, R+1]."""
        pts = torch.from_numpy(grid_points(bounds, octree_resolution)).reshape(-1, 3).to(latents.dtype)
        b = latents.shape[0]
        out = [self.geo_decoder(pts[s:s + num_chunks].unsqueeze(0).expand(b, -1, -1), latents)
               for s in range(0, pts.shape[0], num_chunks)]
        r1 = octree_resolution + 1
        return torch.cat(out, dim=1).reshape(b, r1, r1, r1)


def numpy_linspace_f32(start, stop, num):
    """numpy.linspace(start, stop, num, dtype=float32) spelled out: float32(start + i·((stop-start)/(num-1)))
    evaluated in float64, last value = stop exactly."""
    start, stop = float(start), float(stop)
    step = (stop - start) / (num - 1)
    y = np.arange(num, dtype=np.float64) * step + start
    y[-1] = stop
    return y.astype(np.float32)


def grid_points(bounds, octree_resolution):
    """Query points of VanillaVolumeDecoder (spec 6.1): axes x slowest, z fastest; [R+1, R+1, R+1, 3] float32."""
    b = float(bounds)
    axis = numpy_linspace_f32(-b, b, octree_resolution + 1)
    assert np.array_equal(axis, np.linspace(-b, b, octree_resolution + 1, dtype=np.float32))
    xs, ys, zs = np.meshgrid(axis, axis, axis, indexing="ij")
    return np.stack([xs, ys, zs], axis=-1)
