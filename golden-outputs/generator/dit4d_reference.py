"""Sculpt4D's 4D attention mask and 4D denoiser in PyTorch (sculpt4d-method.md §1-2), written from the spec's
formulas, as oracles of ``org.sculpt4d.mask4d`` and ``org.sculpt4d.dit.Dit4D``.

Layout (§1): one frame-major sequence of T frames, each its own time token (position 0) then its N latent tokens
(positions 1..N). The mask (§2) is built token by token from the frame distance Δ = |i - j| and the positions p, p':

    intra-frame      Δ = 0
    anchor           (anchor_col and j = 0) or (anchor_row and i = 0)
    diagonal         Δ > 0 and |p - p'| <= floor(2^(-Δ/h) · N / 2)        (band fraction 2^(-Δ/h), half-width)
    fixed-stride     Δ mod s = 0
    same position    p = p'

    sculpt4d = intra | anchor | diagonal;  no-sink = intra | diagonal;  fixed-stride = stride | anchor;
    temporal-only = same position;  full = everything.

Blocks: each frame's latent tokens in blocks of B (the last may be shorter), the time token in its frame's first
block; a block pair is kept when any token pair in it is. The attention the 4D DiT computes is the kept blocks in
full (block-sparse kernel), except for a position-aligned mask (temporal-only), whose kernel computes exactly the
token mask; ``attended`` returns that token-level mask for the dense masked reference.
"""

import math

import torch

PRESETS = ("sculpt4d", "no-sink", "fixed-stride", "temporal-only", "full")
DEFAULTS = dict(block_size=88, half_life=4.0, stride=4, anchor_row=True, anchor_col=True)


def token_mask(frames, tokens, mask):
    """Bool [T·(N+1), T·(N+1)]: query row attends key column, from the formulas above."""
    m = dict(DEFAULTS, **mask)
    n = tokens + 1
    idx = torch.arange(frames * n)
    f, p = idx // n, idx % n
    fi, fj = f[:, None], f[None, :]
    delta = (fi - fj).abs()
    gap = (p[:, None] - p[None, :]).abs()
    width = torch.tensor([-1] + [math.floor(2.0 ** (-d / m["half_life"]) * tokens / 2) for d in range(1, frames)])
    intra = delta == 0
    anchor = (m["anchor_col"] & (fj == 0)) | (m["anchor_row"] & (fi == 0))
    diagonal = (delta > 0) & (gap <= width[delta])
    preset = m["preset"]
    if preset == "sculpt4d":
        return intra | anchor | diagonal
    if preset == "no-sink":
        return intra | diagonal
    if preset == "fixed-stride":
        return (delta % m["stride"] == 0) | anchor
    if preset == "temporal-only":
        return gap == 0
    if preset == "full":
        return torch.ones(frames * n, frames * n, dtype=torch.bool)
    raise ValueError(f"mask preset {preset!r} is not one of {PRESETS}")


def block_index(frames, tokens, block_size):
    """Long [T·(N+1)]: the block of every token (time token with its frame's first block), and the block count."""
    n = tokens + 1
    per = -(-tokens // block_size)
    idx = torch.arange(frames * n)
    p = idx % n
    return (idx // n) * per + torch.where(p == 0, 0, (p - 1) // block_size), frames * per


def block_mask(frames, tokens, mask):
    """Long [T·nb, T·nb]: 1 where a block pair holds an attended token pair."""
    b, nb = block_index(frames, tokens, dict(DEFAULTS, **mask)["block_size"])
    onehot = torch.nn.functional.one_hot(b, nb).double()
    counts = onehot.T @ token_mask(frames, tokens, mask).double() @ onehot
    return (counts > 0).long()


def attended(frames, tokens, mask):
    """The token pairs the 4D DiT's kernel computes: the token mask when it only pairs equal positions
    (temporal-only's aligned kernel), else every token pair of a kept block."""
    t = token_mask(frames, tokens, mask)
    n = tokens + 1
    p = torch.arange(frames * n) % n
    if not (t & (p[:, None] != p[None, :])).any():
        return t
    b, _ = block_index(frames, tokens, dict(DEFAULTS, **mask)["block_size"])
    return block_mask(frames, tokens, mask)[b][:, b].bool()


def _masked_self_attention(attn, x, allowed):
    """``dit_reference.Attention.forward`` with scores outside ``allowed [n, n]`` set to -inf before the softmax."""
    b, n, c = x.shape
    d = c // attn.heads
    qkv = torch.cat((attn.to_q(x), attn.to_k(x), attn.to_v(x)), dim=-1).view(b, n, attn.heads, 3 * d)
    q, k, v = (z.transpose(1, 2) for z in torch.split(qkv, d, dim=-1))
    q, k = attn.q_norm(q), attn.k_norm(k)
    scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(d))
    scores = scores.masked_fill(~allowed, float("-inf"))
    o = torch.matmul(torch.softmax(scores, dim=-1), v)
    return attn.out_proj(o.transpose(1, 2).reshape(b, n, c))


def _block4d(block, x, cond, frames, allowed, skip_value):
    """One HunYuanDiTBlock on the whole sequence: masked self-attention over all frames, cross-attention of frame
    t's tokens to cond[:, t] only, the per-token MLP/MoE unchanged."""
    if block.skip_linear is not None:
        x = block.skip_norm(block.skip_linear(torch.cat([skip_value, x], dim=-1)))
    x = x + _masked_self_attention(block.attn1, block.norm1(x), allowed)
    b, length, c = x.shape
    per_frame = block.norm2(x).reshape(b * frames, length // frames, c)
    x = x + block.attn2(per_frame, cond.reshape(b * frames, cond.shape[2], cond.shape[3])).reshape(b, length, c)
    h = block.norm3(x)
    return x + (block.moe(h) if block.use_moe else block.mlp(h))


def dit4d(model, x, t, cond, mask):
    """The 4D DiT with the weights of ``model`` (a dit_reference.HunYuanDiTPlain): x [B, T, N, C], t [B],
    cond [B, T, S, context_dim] -> v [B, T, N, C]. Every frame gets the sequence's time token; no frame embedding."""
    b, frames, n, _ = x.shape
    time = model.t_embedder(t)                                             # [B, 1, hidden]
    h = torch.cat([time[:, None].expand(b, frames, 1, time.shape[-1]), model.x_embedder(x)], dim=2)
    h = h.reshape(b, frames * (n + 1), -1)
    allowed = attended(frames, n, mask)
    stack = []
    for i, block in enumerate(model.blocks):
        h = _block4d(block, h, cond, frames, allowed, None if i <= model.depth // 2 else stack.pop())
        if i < model.depth // 2:
            stack.append(h)
    h = model.final_layer.norm_final(h).reshape(b, frames, n + 1, -1)[:, :, 1:]
    return model.final_layer.linear(h)


def self_test():
    """Closed forms: full keeps everything, temporal-only T of T·(N+1) keys per query, and the diagonal's band."""
    assert token_mask(3, 5, dict(preset="full")).all()
    assert token_mask(4, 7, dict(preset="temporal-only")).sum() == 4 * 8 * 4
    m = token_mask(2, 8, dict(preset="no-sink", half_life=1.0))  # Δ = 1: half-width floor(8/4) = 2
    assert m[0, 9 + 2] and not m[0, 9 + 3] and m[5, 9 + 3] and not m[5, 9 + 8]
    assert block_mask(2, 8, dict(preset="full", block_size=3)).shape == (6, 6)
    return "mask formulas: full, temporal-only count and a diagonal band edge"
