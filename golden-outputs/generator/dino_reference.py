"""References for the image conditioner (shared/spec/hunyuan3d21-shape.md section 4), written from the spec.

1. ``preprocess``: ImageProcessorV2 (spec 4.1) in numpy, with OpenCV's ``cv2.resize`` replaced by an explicit
   definition of the two modes it uses (cv2 is not installed here; the Java ``PixelResize`` follows the same one):
   INTER_CUBIC in OpenCV's 11-bit fixed point (a = -0.75, half-pixel centres, replicated border) and INTER_AREA
   (exact area average when shrinking, OpenCV's area-mode linear taps when enlarging, INTER_LINEAR for an exact 2x
   shrink). Everything is integer or float32 arithmetic, so a port can match it exactly.
2. ``DinoImageEncoder``: a torch DINOv2 (HF ``Dinov2Model`` structure; Debian's torch 1.13 has no ``transformers``)
   under the conditioner's state-dict names ``main_image_encoder.model.*``; attention spelled out.
3. ``numpy_dino``: an independent numpy implementation of the same encoder from explicit interpolation taps (the
   self-check of the generator).
"""

import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

F32 = np.float32
CUBIC_A = F32(-0.75)
COEF_BITS = 11
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


# ------------------------------------------------------------------------------------------------ preprocessing
def _fixed(w):
    return int(np.rint(F32(w) * F32(1 << COEF_BITS)))


def cubic_taps(n_in, n_out):
    """OpenCV INTER_CUBIC taps (index [out,4], fixed-point weight [out,4]); coefficients in float32."""
    scale = n_in / n_out
    idx = np.zeros((n_out, 4), np.int64)
    wts = np.zeros((n_out, 4), np.int64)
    a, one = CUBIC_A, F32(1)
    for d in range(n_out):
        f = F32((d + 0.5) * scale - 0.5)
        s = int(math.floor(f))
        f = F32(f - F32(s))
        c0 = ((a * (f + one) - F32(5) * a) * (f + one) + F32(8) * a) * (f + one) - F32(4) * a
        c1 = ((a + F32(2)) * f - (a + F32(3))) * f * f + one
        c2 = ((a + F32(2)) * (one - f) - (a + F32(3))) * (one - f) * (one - f) + one
        c3 = one - c0 - c1 - c2
        for k, c in enumerate((c0, c1, c2, c3)):
            idx[d, k] = min(max(s - 1 + k, 0), n_in - 1)
            wts[d, k] = _fixed(c)
    return idx, wts


def linear_taps(n_in, n_out, area_mode, columns):
    """OpenCV 2-tap linear taps: half-pixel INTER_LINEAR or INTER_AREA's enlarging variant. Along columns a source
    position before the first / on or past the last sample takes it with the whole weight (OpenCV's horizontal
    pass); along rows both weights stay on the clamped row."""
    scale, inv = n_in / n_out, n_out / n_in
    idx = np.zeros((n_out, 2), np.int64)
    wts = np.zeros((n_out, 2), np.int64)
    for d in range(n_out):
        if area_mode:
            s = int(math.floor(d * scale))
            f = F32((d + 1) - (s + 1) * inv)
            f = F32(0) if f <= 0 else F32(f - F32(math.floor(f)))
        else:
            f = F32((d + 0.5) * scale - 0.5)
            s = int(math.floor(f))
            f = F32(f - F32(s))
        if columns and s < 0:
            s, f = 0, F32(0)
        if columns and s >= n_in - 1:
            s, f = n_in - 1, F32(0)
        idx[d] = (min(max(s, 0), n_in - 1), min(max(s + 1, 0), n_in - 1))
        wts[d] = (_fixed(F32(1) - f), _fixed(f))
    return idx, wts


def fixed_point(img, rows, cols):
    """img uint8 [H,W,C]: columns then rows in int64, (sum + 2^21) >> 22, saturated to 0..255."""
    x = img.astype(np.int64)
    ci, cw = cols
    wide = (x[:, ci, :] * cw[None, :, :, None]).sum(2)                     # [H, outW, C]
    ri, rw = rows
    acc = (wide[ri] * rw[:, :, None, None]).sum(1)                         # [outH, outW, C]
    return np.clip((acc + (1 << (2 * COEF_BITS - 1))) >> (2 * COEF_BITS), 0, 255).astype(np.uint8)


def _overlap_matrix(n_in, n_out):
    """[n_out, n_in] integer overlaps in units of 1/n_out: dst d spans [d·in, (d+1)·in), src k [k·out, (k+1)·out)."""
    m = np.zeros((n_out, n_in), np.int64)
    for d in range(n_out):
        lo, hi = d * n_in, (d + 1) * n_in
        for k in range(lo // n_out, (hi - 1) // n_out + 1):
            m[d, k] = min(hi, (k + 1) * n_out) - max(lo, k * n_out)
    return m


def area_average(img, out_h, out_w):
    """Exact area average of a shrink, rounded half to even."""
    ay, ax = _overlap_matrix(img.shape[0], out_h), _overlap_matrix(img.shape[1], out_w)
    s = np.einsum("yh,hwc,xw->yxc", ay, img.astype(np.int64), ax)
    den = img.shape[0] * img.shape[1]
    q, r = np.divmod(s, den)
    q = q + ((2 * r > den) | ((2 * r == den) & (q % 2 == 1)))
    return np.clip(q, 0, 255).astype(np.uint8)


def cv_area(img, out_h, out_w):
    sy, sx = img.shape[0] / out_h, img.shape[1] / out_w
    if sx >= 1 and sy >= 1:
        if sx == 2 and sy == 2:
            return fixed_point(img, linear_taps(img.shape[0], out_h, False, False),
                               linear_taps(img.shape[1], out_w, False, True))
        return area_average(img, out_h, out_w)
    return fixed_point(img, linear_taps(img.shape[0], out_h, True, False), linear_taps(img.shape[1], out_w, True, True))


def cv_cubic(img, out_h, out_w):
    return fixed_point(img, cubic_taps(img.shape[0], out_h), cubic_taps(img.shape[1], out_w))


def recenter(rgba, border_ratio):
    """Spec 4.1 step 1 -> uint8 RGB [S,S,3], S = max(H,W)."""
    mask = rgba[..., 3]
    H, W, C = rgba.shape
    size = max(H, W)
    result = np.zeros((size, size, C), np.uint8)
    rows, cols = np.nonzero(mask)
    r0, r1, c0, c1 = rows.min(), rows.max(), cols.min(), cols.max()
    h, w = r1 - r0, c1 - c0
    assert h > 0 and w > 0
    desired = int(size * (1 - border_ratio))
    scale = desired / max(h, w)
    h2, w2 = int(h * scale), int(w * scale)
    y0, x0 = (size - h2) // 2, (size - w2) // 2
    result[y0:y0 + h2, x0:x0 + w2] = cv_area(rgba[r0:r1, c0:c1], h2, w2)
    bg = np.full((size, size, 3), 255, np.uint8)
    a = result[..., 3:].astype(np.float32) / 255
    out = result[..., :3] * a + bg * (1 - a)
    return out.clip(0, 255).astype(np.uint8)


def preprocess(rgba, size, border_ratio):
    """rgba uint8 [H,W,4] -> (recentred RGB uint8 [S,S,3], image float32 [3,size,size] in [-1,1])."""
    rgb = recenter(rgba, border_ratio)
    resized = cv_cubic(rgb, size, size)
    image = torch.tensor(resized).float() / 255 * 2 - 1
    return rgb, image.permute(2, 0, 1).numpy()


# ------------------------------------------------------------------------------------------------ DINOv2 (torch)
def attention(q, k, v):
    scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(q.shape[-1]))
    return torch.matmul(torch.softmax(scores, dim=-1), v)


class _Holder(nn.Module):
    """An attribute container, so that parameter names follow HF's nesting."""


class LayerScale(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.lambda1 = nn.Parameter(torch.ones(dim))


class Dinov2Layer(nn.Module):
    def __init__(self, hidden, heads, mlp_hidden, eps, qkv_bias):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(hidden, eps=eps)
        self.attention = _Holder()
        self.attention.attention = _Holder()
        for name in ("query", "key", "value"):
            setattr(self.attention.attention, name, nn.Linear(hidden, hidden, bias=qkv_bias))
        self.attention.output = _Holder()
        self.attention.output.dense = nn.Linear(hidden, hidden)
        self.layer_scale1 = LayerScale(hidden)
        self.norm2 = nn.LayerNorm(hidden, eps=eps)
        self.mlp = _Holder()
        self.mlp.fc1 = nn.Linear(hidden, mlp_hidden)
        self.mlp.fc2 = nn.Linear(mlp_hidden, hidden)
        self.layer_scale2 = LayerScale(hidden)

    def forward(self, x):
        b, n, c = x.shape
        a = self.attention.attention
        h = self.norm1(x)

        def split(t):  # contiguous heads
            return t.view(b, n, self.heads, c // self.heads).transpose(1, 2)

        o = attention(split(a.query(h)), split(a.key(h)), split(a.value(h))).transpose(1, 2).reshape(b, n, c)
        x = x + self.attention.output.dense(o) * self.layer_scale1.lambda1
        return x + self.mlp.fc2(F.gelu(self.mlp.fc1(self.norm2(x)))) * self.layer_scale2.lambda1


class Dinov2Model(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        h, p = cfg["hidden_size"], cfg["patch_size"]
        g = cfg["image_size"] // p
        self.patch = p
        self.embeddings = _Holder()
        self.embeddings.cls_token = nn.Parameter(torch.zeros(1, 1, h))
        self.embeddings.mask_token = nn.Parameter(torch.zeros(1, h))
        self.embeddings.position_embeddings = nn.Parameter(torch.zeros(1, g * g + 1, h))
        self.embeddings.patch_embeddings = _Holder()
        self.embeddings.patch_embeddings.projection = nn.Conv2d(cfg["num_channels"], h, kernel_size=p, stride=p)
        self.encoder = _Holder()
        self.encoder.layer = nn.ModuleList(
            Dinov2Layer(h, cfg["num_attention_heads"], int(h * cfg["mlp_ratio"]), cfg["layer_norm_eps"],
                        cfg["qkv_bias"]) for _ in range(cfg["num_hidden_layers"]))
        self.layernorm = nn.LayerNorm(h, eps=cfg["layer_norm_eps"])

    def position_embeddings(self, height, width):
        """HF interpolate_pos_encoding (spec 4.2): unchanged for the same grid, else bicubic, align_corners=False."""
        table = self.embeddings.position_embeddings
        n = table.shape[1] - 1
        rows, cols = height // self.patch, width // self.patch
        if rows * cols == n and height == width:
            return table
        g = int(math.sqrt(n))
        grid = table[:, 1:].reshape(1, g, g, -1).permute(0, 3, 1, 2)
        grid = F.interpolate(grid, size=(rows, cols), mode="bicubic", align_corners=False)
        return torch.cat([table[:, :1], grid.permute(0, 2, 3, 1).reshape(1, rows * cols, -1)], 1)

    def embed(self, pixels):
        e = self.embeddings
        tokens = e.patch_embeddings.projection(pixels).flatten(2).transpose(1, 2)
        tokens = torch.cat([e.cls_token.expand(pixels.shape[0], -1, -1), tokens], 1)
        return tokens + self.position_embeddings(pixels.shape[2], pixels.shape[3])

    def forward(self, pixels):
        x = self.embed(pixels)
        for layer in self.encoder.layer:
            x = layer(x)
        return self.layernorm(x)


class DinoImageEncoder(nn.Module):
    """Upstream's DinoImageEncoder (spec 4.2): [-1,1] image -> last_hidden_state (CLS dropped without use_cls_token)."""

    def __init__(self, config, image_size, use_cls_token):
        super().__init__()
        self.model = Dinov2Model(config)
        self.image_size = image_size
        self.use_cls_token = use_cls_token

    def pixels(self, image):
        x = (image - (-1)) / 2
        if x.shape[-1] != self.image_size or x.shape[-2] != self.image_size:
            x = F.interpolate(x, size=(self.image_size, self.image_size), mode="bilinear", align_corners=False)
        mean = torch.tensor(MEAN, dtype=x.dtype).view(1, 3, 1, 1)
        std = torch.tensor(STD, dtype=x.dtype).view(1, 3, 1, 1)
        return (x - mean) / std

    def forward(self, image):
        out = self.model(self.pixels(image))
        return out if self.use_cls_token else out[:, 1:]


class Conditioner(nn.Module):
    """The checkpoint's ``conditioner`` entry (SingleImageEncoder): keys ``main_image_encoder.model.*``."""

    def __init__(self, config, image_size, use_cls_token):
        super().__init__()
        self.main_image_encoder = DinoImageEncoder(config, image_size, use_cls_token)


# ------------------------------------------------------------------------------------------------ numpy check
def torch_taps(n_in, n_out, cubic):
    """PyTorch F.interpolate(align_corners=False) taps of one axis, as (index [out,k], weight [out,k]) float64."""
    scale = n_in / n_out
    k = 4 if cubic else 2
    idx = np.zeros((n_out, k), np.int64)
    w = np.zeros((n_out, k))
    a = -0.75
    for d in range(n_out):
        src = scale * (d + 0.5) - 0.5
        if cubic:
            s = math.floor(src)
            t = src - s
            near = lambda x: ((a + 2) * x - (a + 3)) * x * x + 1                      # noqa: E731
            far = lambda x: ((a * x - 5 * a) * x + 8 * a) * x - 4 * a                  # noqa: E731
            w[d] = (far(t + 1), near(t), near(1 - t), far(2 - t))
            idx[d] = [min(max(s - 1 + j, 0), n_in - 1) for j in range(4)]
        else:
            src = max(src, 0.0)
            s = int(src)
            idx[d] = (s, min(s + 1, n_in - 1))
            w[d] = (1 - (src - s), src - s)
    return idx, w


def resample(grid, out_h, out_w, cubic):
    """grid [H,W,C] -> [out_h,out_w,C], columns then rows."""
    ci, cw = torch_taps(grid.shape[1], out_w, cubic)
    ri, rw = torch_taps(grid.shape[0], out_h, cubic)
    wide = (grid[:, ci, :] * cw[None, :, :, None].astype(grid.dtype)).sum(2)
    return (wide[ri] * rw[:, :, None, None].astype(grid.dtype)).sum(1)


def numpy_dino(sd, cfg, image_size, use_cls_token, image, dtype):
    """Independent implementation from a flat state dict (``main_image_encoder.model.*``) in numpy ``dtype``."""
    try:
        from scipy.special import erf
    except ImportError:
        erf = np.vectorize(math.erf)
    P = "main_image_encoder.model."
    W = {k[len(P):]: np.asarray(v, dtype) for k, v in sd.items()}
    h, p, heads = cfg["hidden_size"], cfg["patch_size"], cfg["num_attention_heads"]
    eps = cfg["layer_norm_eps"]
    g = cfg["image_size"] // p
    n = image_size // p
    table = W["embeddings.position_embeddings"][0]
    if n != g:
        table = np.concatenate([table[:1], resample(table[1:].reshape(g, g, h), n, n, True).reshape(n * n, h)])

    def ln(x, pre):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + dtype(eps)) * W[pre + ".weight"] + W[pre + ".bias"]

    def lin(x, pre):
        y = x @ W[pre + ".weight"].T
        return y + W[pre + ".bias"] if pre + ".bias" in W else y

    outs, embeds = [], []
    for img in np.asarray(image, dtype):
        x = (img + dtype(1)) / dtype(2)
        if x.shape[-1] != image_size:
            x = resample(x.transpose(1, 2, 0), image_size, image_size, False).transpose(2, 0, 1)
        x = (x - np.array(MEAN, dtype)[:, None, None]) / np.array(STD, dtype)[:, None, None]
        patches = x.reshape(3, n, p, n, p).transpose(1, 3, 0, 2, 4).reshape(n * n, 3 * p * p)
        proj = W["embeddings.patch_embeddings.projection.weight"].reshape(h, -1)
        t = patches @ proj.T + W["embeddings.patch_embeddings.projection.bias"]
        t = np.concatenate([W["embeddings.cls_token"][0], t]) + table
        embeds.append(t)
        d = h // heads
        for i in range(cfg["num_hidden_layers"]):
            L = f"encoder.layer.{i}."
            z = ln(t, L + "norm1")
            q, k, v = (lin(z, L + "attention.attention." + s) for s in ("query", "key", "value"))
            o = np.zeros_like(q)
            for hh in range(heads):
                sl = slice(hh * d, (hh + 1) * d)
                s = q[:, sl] @ k[:, sl].T / dtype(math.sqrt(d))
                s = np.exp(s - s.max(-1, keepdims=True))
                o[:, sl] = (s / s.sum(-1, keepdims=True)) @ v[:, sl]
            t = t + lin(o, L + "attention.output.dense") * W[L + "layer_scale1.lambda1"]
            u = lin(ln(t, L + "norm2"), L + "mlp.fc1")
            u = (u * dtype(0.5) * (dtype(1) + erf(u / dtype(math.sqrt(2))))).astype(dtype)
            t = t + lin(u, L + "mlp.fc2") * W[L + "layer_scale2.lambda1"]
        t = ln(t, "layernorm")
        outs.append(t if use_cls_token else t[1:])
    return (np.concatenate([table[:1], table[1:]])[None], np.stack(embeds), np.stack(outs))
