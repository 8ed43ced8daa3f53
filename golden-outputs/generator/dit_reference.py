"""Torch reference of Hunyuan3D 2.1's denoiser ``HunYuanDiTPlain``, written from shared/spec/hunyuan3d21-shape.md
section 3 (cross-checked against upstream ``hy3dshape/models/denoisers/{hunyuandit,moe_layers}.py``).

Module attribute names reproduce the upstream ``state_dict`` keys (spec 7.3), e.g. ``x_embedder.weight``,
``t_embedder.mlp.0.weight``, ``blocks.3.attn1.to_q.weight``, ``blocks.4.moe.experts.1.net.0.proj.weight``,
``final_layer.linear.bias``. Works on torch 1.13, which has neither ``scaled_dot_product_attention`` nor
``nn.RMSNorm``: attention is spelled out as softmax(q kᵀ / sqrt(d)) v and RMSNorm as x·rsqrt(mean(x²)+eps)·w.

The q/k/v "scramble" (spec 3.4) is reproduced the way upstream writes it: concatenate the projections per token
and view the result as [heads][parts][head_dim], NOT as [parts][heads][head_dim].

Everything runs in the module dtype (float32 like upstream, or float64 for the precision study), except the
timestep sinusoid, which upstream always evaluates in float32 (``t.float()``, float32 ``arange``/``exp``) and
only then casts to the MLP's dtype (spec 3.3); the float64 run keeps that, as part of the definition.
"""

import math

import torch
import torch.nn as nn

# The HunYuanDiTPlain constructor arguments a golden config carries (golden-format.md), plus the switches that
# are off in 2.1 and that this reference therefore spells out explicitly (upstream class defaults differ).
DIT_KEYS = ("input_size", "in_channels", "hidden_size", "context_dim", "depth", "num_heads", "qk_norm",
            "qk_norm_type", "qkv_bias", "num_moe_layers", "num_experts", "moe_top_k", "text_len",
            "use_attention_pooling", "use_pos_emb", "with_decoupled_ca")

# spec 3.1
RELEASED_CONFIG = dict(input_size=4096, in_channels=64, hidden_size=2048, context_dim=1024, depth=21, num_heads=16,
                       qk_norm=True, qk_norm_type="rms", qkv_bias=False, num_moe_layers=6, num_experts=8,
                       moe_top_k=2, text_len=1370, use_attention_pooling=False, use_pos_emb=False,
                       with_decoupled_ca=False)

NORM_EPS = 1e-6  # every LayerNorm of the DiT (norm1..3, skip_norm, norm_final) and the qk RMSNorm


def attention(q, k, v):
    """softmax(q kᵀ / sqrt(d)) v over the last two dims; q [..., n, d], k/v [..., m, d]."""
    scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(q.shape[-1]))
    return torch.matmul(torch.softmax(scores, dim=-1), v)


class RMSNorm(nn.Module):
    """torch >= 2.4's nn.RMSNorm(dim, eps, elementwise_affine=True): x·rsqrt(mean(x²) + eps)·w."""

    def __init__(self, dim, eps=NORM_EPS, device=None):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim, device=device))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def qk_norm_layer(kind, dim, device):
    if kind == "rms":
        return RMSNorm(dim, NORM_EPS, device)
    if kind == "layer":
        return nn.LayerNorm(dim, eps=NORM_EPS, device=device)
    raise ValueError(f"qk_norm_type {kind!r}")


def timestep_sinusoid(t, channels):
    """Timesteps(num_channels=channels) (spec 3.3): ω_i = exp(−ln(10000)·i/half), [sin(tω), cos(tω)], all float32."""
    half = channels // 2
    exponent = -math.log(10000) * torch.arange(0, half, dtype=torch.float32)
    exponent = exponent / half
    emb = t[:, None].float() * torch.exp(exponent)[None, :]
    return torch.cat([torch.sin(emb), torch.cos(emb)], dim=-1)


class TimestepEmbedder(nn.Module):
    def __init__(self, hidden_size, device=None):
        super().__init__()
        self.hidden_size = hidden_size
        self.mlp = nn.Sequential(nn.Linear(hidden_size, 4 * hidden_size, device=device), nn.GELU(),
                                 nn.Linear(4 * hidden_size, hidden_size, device=device))

    def forward(self, t):
        """t [B] in [0, 1] -> [B, 1, hidden]."""
        freq = timestep_sinusoid(t, self.hidden_size).to(self.mlp[0].weight.dtype)
        return self.mlp(freq).unsqueeze(1)


class Attention(nn.Module):
    """attn1: q/k/v from separate projections, then the per-token concat viewed as [heads][q|k|v][head_dim]."""

    def __init__(self, dim, heads, qkv_bias, qk_norm, qk_norm_type, device=None):
        super().__init__()
        self.heads = heads
        d = dim // heads
        self.to_q = nn.Linear(dim, dim, bias=qkv_bias, device=device)
        self.to_k = nn.Linear(dim, dim, bias=qkv_bias, device=device)
        self.to_v = nn.Linear(dim, dim, bias=qkv_bias, device=device)
        self.q_norm = qk_norm_layer(qk_norm_type, d, device) if qk_norm else nn.Identity()
        self.k_norm = qk_norm_layer(qk_norm_type, d, device) if qk_norm else nn.Identity()
        self.out_proj = nn.Linear(dim, dim, device=device)

    def forward(self, x):
        b, n, c = x.shape
        d = c // self.heads
        qkv = torch.cat((self.to_q(x), self.to_k(x), self.to_v(x)), dim=-1)
        qkv = qkv.view(b, n, self.heads, 3 * d)                  # the scramble (spec 3.4)
        q, k, v = torch.split(qkv, d, dim=-1)                      # each [b, n, heads, d]
        q, k, v = (z.transpose(1, 2) for z in (q, k, v))           # [b, heads, n, d]
        o = attention(self.q_norm(q), self.k_norm(k), v)
        return self.out_proj(o.transpose(1, 2).reshape(b, n, c))


class CrossAttention(nn.Module):
    """attn2: queries split plainly; keys/values from concat(to_k(y), to_v(y)) viewed as [heads][k|v][head_dim]."""

    def __init__(self, qdim, kdim, heads, qkv_bias, qk_norm, qk_norm_type, device=None):
        super().__init__()
        self.heads = heads
        d = qdim // heads
        self.to_q = nn.Linear(qdim, qdim, bias=qkv_bias, device=device)
        self.to_k = nn.Linear(kdim, qdim, bias=qkv_bias, device=device)
        self.to_v = nn.Linear(kdim, qdim, bias=qkv_bias, device=device)
        self.q_norm = qk_norm_layer(qk_norm_type, d, device) if qk_norm else nn.Identity()
        self.k_norm = qk_norm_layer(qk_norm_type, d, device) if qk_norm else nn.Identity()
        self.out_proj = nn.Linear(qdim, qdim, device=device)

    def forward(self, x, y):
        b, n, c = x.shape
        m = y.shape[1]
        d = c // self.heads
        q = self.to_q(x).view(b, n, self.heads, d)
        kv = torch.cat((self.to_k(y), self.to_v(y)), dim=-1).view(b, m, self.heads, 2 * d)  # scramble
        k, v = torch.split(kv, d, dim=-1)
        q, k, v = (z.transpose(1, 2) for z in (self.q_norm(q), self.k_norm(k), v))
        o = attention(q, k, v)
        return self.out_proj(o.transpose(1, 2).reshape(b, n, c))


class MLP(nn.Module):
    def __init__(self, width, device=None):
        super().__init__()
        self.fc1 = nn.Linear(width, 4 * width, device=device)
        self.fc2 = nn.Linear(4 * width, width, device=device)

    def forward(self, x):
        return self.fc2(nn.functional.gelu(self.fc1(x)))  # exact (erf) GELU


class _Proj(nn.Module):
    def __init__(self, a, b, device):
        super().__init__()
        self.proj = nn.Linear(a, b, device=device)


class FeedForward(nn.Module):
    """diffusers FeedForward(dim, inner_dim=4·dim, activation_fn "gelu", bias): net.0.proj -> GELU -> net.2."""

    def __init__(self, width, device=None):
        super().__init__()
        self.net = nn.ModuleList([_Proj(width, 4 * width, device), nn.Dropout(0.0),
                                  nn.Linear(4 * width, width, device=device)])

    def forward(self, x):
        return self.net[2](nn.functional.gelu(self.net[0].proj(x)))


class MoEGate(nn.Module):
    def __init__(self, width, num_experts, device=None):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(num_experts, width, device=device))


class MoEBlock(nn.Module):
    """spec 3.5: top-k of softmax(gate) (weights NOT renormalised) + the shared expert, per token."""

    def __init__(self, width, num_experts, top_k, device=None):
        super().__init__()
        self.top_k = top_k
        self.experts = nn.ModuleList([FeedForward(width, device) for _ in range(num_experts)])
        self.gate = MoEGate(width, num_experts, device)
        self.shared_experts = FeedForward(width, device)

    def route(self, x):
        """x [..., width] -> (indices [T, k], weights [T, k]) for the flattened tokens."""
        scores = torch.softmax(nn.functional.linear(x.reshape(-1, x.shape[-1]), self.gate.weight), dim=-1)
        w, idx = torch.topk(scores, k=self.top_k, dim=-1)
        return idx, w

    def forward(self, x):
        flat = x.reshape(-1, x.shape[-1])
        idx, w = self.route(x)
        y = torch.zeros_like(flat)
        for e, expert in enumerate(self.experts):  # upstream moe_infer: experts in index order, summed per token
            rows, slot = (idx == e).nonzero(as_tuple=True)
            if rows.numel():
                y.index_add_(0, rows, expert(flat[rows]) * w[rows, slot].unsqueeze(-1))
        return y.view(x.shape) + self.shared_experts(x)


class HunYuanDiTBlock(nn.Module):
    def __init__(self, hidden, context_dim, heads, qk_norm, qk_norm_type, qkv_bias, skip, use_moe, num_experts,
                 top_k, device=None):
        super().__init__()
        self.norm1 = nn.LayerNorm(hidden, eps=NORM_EPS, device=device)
        self.attn1 = Attention(hidden, heads, qkv_bias, qk_norm, qk_norm_type, device)
        self.norm2 = nn.LayerNorm(hidden, eps=NORM_EPS, device=device)
        self.attn2 = CrossAttention(hidden, context_dim, heads, qkv_bias, qk_norm, qk_norm_type, device)
        self.norm3 = nn.LayerNorm(hidden, eps=NORM_EPS, device=device)
        if skip:
            self.skip_norm = nn.LayerNorm(hidden, eps=NORM_EPS, device=device)
            self.skip_linear = nn.Linear(2 * hidden, hidden, device=device)
        else:
            self.skip_linear = None
        if use_moe:
            self.moe = MoEBlock(hidden, num_experts, top_k, device)
        else:
            self.mlp = MLP(hidden, device)
        self.use_moe = use_moe

    def forward(self, x, cond, skip_value=None):
        if self.skip_linear is not None:
            x = self.skip_norm(self.skip_linear(torch.cat([skip_value, x], dim=-1)))  # skip first (spec 3.2)
        x = x + self.attn1(self.norm1(x))
        x = x + self.attn2(self.norm2(x), cond)
        h = self.norm3(x)
        return x + (self.moe(h) if self.use_moe else self.mlp(h))


class FinalLayer(nn.Module):
    def __init__(self, hidden, out_channels, device=None):
        super().__init__()
        self.norm_final = nn.LayerNorm(hidden, eps=NORM_EPS, device=device)
        self.linear = nn.Linear(hidden, out_channels, device=device)

    def forward(self, x):
        return self.linear(self.norm_final(x)[:, 1:])  # drop the time token


class HunYuanDiTPlain(nn.Module):
    def __init__(self, *, input_size, in_channels, hidden_size, context_dim, depth, num_heads, qk_norm, qk_norm_type,
                 qkv_bias, num_moe_layers, num_experts, moe_top_k, text_len, use_attention_pooling, use_pos_emb,
                 with_decoupled_ca, device=None):
        super().__init__()
        if use_attention_pooling or use_pos_emb or with_decoupled_ca:
            raise NotImplementedError("attention pooling, pos_embed and decoupled cross-attention are off in 2.1")
        if hidden_size % num_heads:
            raise ValueError(f"hidden_size {hidden_size} is not a multiple of num_heads {num_heads}")
        self.depth = depth
        self.x_embedder = nn.Linear(in_channels, hidden_size, device=device)
        self.t_embedder = TimestepEmbedder(hidden_size, device)
        self.blocks = nn.ModuleList([
            HunYuanDiTBlock(hidden_size, context_dim, num_heads, qk_norm, qk_norm_type, qkv_bias,
                            skip=i > depth // 2, use_moe=depth - i <= num_moe_layers, num_experts=num_experts,
                            top_k=moe_top_k, device=device)
            for i in range(depth)])
        self.final_layer = FinalLayer(hidden_size, in_channels, device)

    def forward(self, x, t, cond):
        """x [B, N, C], t [B] in [0, 1], cond [B, S, context_dim] -> velocity [B, N, C] (spec 3.2)."""
        h = torch.cat([self.t_embedder(t), self.x_embedder(x)], dim=1)  # time is a prepended token
        stack = []
        for i, block in enumerate(self.blocks):
            h = block(h, cond, None if i <= self.depth // 2 else stack.pop())
            if i < self.depth // 2:
                stack.append(h)
        return self.final_layer(h)
