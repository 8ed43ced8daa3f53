"""The golden cases of the image conditioner: ``image_preprocess`` (spec 4.1) and ``dinov2`` (spec 4.2).

image_preprocess: config ``size``, ``border_ratio`` (ImageProcessorV2's arguments); input ``rgba [1,H,W,4] I64``
(8-bit values); outputs ``recentered [1,S,S,3] I64`` (after recentring and compositing over white, S = max(H,W))
and ``image [1,3,size,size]`` (the [-1,1] tensor). Integer-defined (dino_reference.preprocess), so exact.

dinov2: config = DinoImageEncoder's arguments ``config`` (a Dinov2Config dict), ``image_size``, ``use_cls_token``;
weights under the conditioner's keys ``main_image_encoder.model.*``; input ``image [B,3,s,s]`` in [-1,1]; outputs
``position_embeddings [1,1+n²,hidden]`` (after interpolation to the n×n patch grid, n = image_size/patch),
``embeddings [B,1+n²,hidden]`` (tokens entering layer 0) and ``last_hidden_state [B,tokens,hidden]``.
  a        hidden 64, 4 layers, 4 heads, qkv bias, 7×7 position grid = patch grid, 42² input resized to 98
  b-interp hidden 32, 2 layers, 2 heads, no qkv bias, 5×5 position grid upsampled to 7×7, no CLS in the output,
           70² input
  c-shrink hidden 32, 1 layer, 2 heads, 9×9 position grid downsampled to 7×7, input 98² (no resize)
"""

import copy

import numpy as np
import torch
import torch.nn.functional as F

from dino_reference import Conditioner, cv_area, cv_cubic, numpy_dino, preprocess, recenter
from golden_case import Case, seed_of, to_numpy


# ------------------------------------------------------------------------------------------------ preprocessing
def _object(rng, h, w, box, soft):
    """An RGBA image: a colour-gradient ellipse with noise inside ``box`` = (r0, r1, c0, c1), alpha hard or soft."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    r0, r1, c0, c1 = box
    cy, cx, ry, rx = (r0 + r1) / 2, (c0 + c1) / 2, (r1 - r0) / 2, (c1 - c0) / 2
    d = np.sqrt(((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2)
    rgb = np.stack([40 + 200 * xx / w, 230 - 180 * yy / h, 120 + 100 * np.sin(xx / 3 + yy / 5)], -1)
    rgb = np.clip(rgb + rng.normal(0, 12, rgb.shape), 0, 255)
    alpha = np.clip((1.15 - d) / 0.3, 0, 1) * 255 if soft else (d <= 1) * 255.0
    rgba = np.concatenate([rgb, alpha[..., None]], -1).round().astype(np.uint8)
    rgba[alpha == 0, :3] = rng.integers(0, 256, (int((alpha == 0).sum()), 3))  # colour under alpha 0 must not leak
    return rgba


PREPROCESS = (
    # name, (H, W), object box, soft alpha, size, border ratio, what
    ("pp-enlarge", (20, 24), (6, 15, 8, 19), False, 32, 0.15,
     "20×24 RGBA, 9×11 hard-edged object → INTER_AREA enlarging (area-mode linear), cubic 24→32"),
    ("pp-shrink-soft", (24, 22), (-2, 26, -3, 25), True, 16, 0.15,
     "24×22 RGBA, soft alpha covering the frame → INTER_AREA shrink (area average), cubic 24→16"),
    ("pp-half", (21, 21), (-30, 50, -30, 50), False, 16, 0.5,
     "21×21 fully opaque, border 0.5 → exact 2× shrink (OpenCV runs INTER_LINEAR), cubic 21→16"),
)


def _torch_resize(img, h, w, mode):
    t = torch.from_numpy(img.astype(np.float64)).permute(2, 0, 1)[None]
    kw = {} if mode == "area" else {"align_corners": False}
    out = F.interpolate(t, size=(h, w), mode=mode, **kw)[0].permute(1, 2, 0).numpy()
    return np.clip(np.rint(out), 0, 255)


def preprocess_cases():
    out = []
    for name, (h, w), box, soft, size, border, summary in PREPROCESS:
        rng = np.random.default_rng(seed_of(name))
        rgba = _object(rng, h, w, box, soft)

        def compute(dtype, rgba=rgba, size=size, border=border):
            rgb, image = preprocess(rgba, size, border)
            return {"recentered": rgb[None].astype(np.int64), "image": image[None]}

        def definition_gap(rgba=rgba, size=size, border=border):
            """How far this OpenCV-style definition is from PyTorch's float resampling where both define the same
            filter (informational, in 8-bit levels): the final cubic resize against F.interpolate bicubic, and an
            exact 2× INTER_AREA shrink against 2×2 averaging (F.interpolate area)."""
            rgb = recenter(rgba, border)
            cubic = cv_cubic(rgb, size, size).astype(np.float64)
            gap = {"cubic_vs_torch_bicubic": float(np.abs(cubic - _torch_resize(rgb, size, size, "bicubic")).max())}
            rows, cols = np.nonzero(rgba[..., 3])
            crop = rgba[rows.min():rows.max(), cols.min():cols.max()]
            if crop.shape[0] % 2 == 0 and crop.shape[0] == crop.shape[1] and border == 0.5:
                half = crop.shape[0] // 2
                area = cv_area(crop, half, half).astype(np.float64)
                gap["area2x_vs_torch_area"] = float(np.abs(area - _torch_resize(crop, half, half, "area")).max())
            return gap

        cfg = {"size": size, "border_ratio": border}
        out.append(Case(name, "image_preprocess", cfg, {}, {"rgba": rgba[None].astype(np.int64)}, compute, summary,
                        informational=definition_gap, exact=True))
    return out


# ------------------------------------------------------------------------------------------------ DINOv2
def _dinov2_config(hidden, layers, heads, pos_image, qkv_bias):
    return dict(hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=heads, mlp_ratio=4,
                hidden_act="gelu", layer_norm_eps=1e-6, image_size=pos_image, patch_size=14, num_channels=3,
                qkv_bias=qkv_bias, layerscale_value=1.0, use_swiglu_ffn=False)


CONFIGS = {
    "a": dict(config=_dinov2_config(64, 4, 4, 98, True), image_size=98, use_cls_token=True),
    "b-interp": dict(config=_dinov2_config(32, 2, 2, 70, False), image_size=98, use_cls_token=False),
    "c-shrink": dict(config=_dinov2_config(32, 1, 2, 126, True), image_size=98, use_cls_token=True),
}
INPUTS = {"a": (2, 42), "b-interp": (1, 70), "c-shrink": (1, 98)}  # batch, input side


def _randomize(m, seed):
    """Seeded weights with O(1) activations: Linear/conv N(0, 1/fan_in), biases N(0, 0.2²), LayerNorm gains
    1 + N(0, 0.2²), LayerScale λ 0.5 + N(0, 0.2²), CLS and position embeddings N(0, 1), mask token N(0, 0.02²)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in m.named_parameters():
            r = torch.randn(p.shape, generator=g)
            if name.endswith("position_embeddings") or name.endswith("cls_token"):
                p.copy_(r)
            elif name.endswith("mask_token"):
                p.copy_(0.02 * r)
            elif name.endswith("lambda1"):
                p.copy_(0.5 + 0.2 * r)
            elif p.dim() >= 2:
                p.copy_(r / float(np.sqrt(p[0].numel())))
            elif name.endswith(".bias"):
                p.copy_(0.2 * r)
            else:
                p.copy_(1.0 + 0.2 * r)
    return m


_MODELS = {}


def model(name, dtype=torch.float32):
    if name not in _MODELS:
        m = _randomize(Conditioner(**CONFIGS[name]), seed_of("dinov2-" + name)).eval()
        _MODELS[name] = {torch.float32: m, torch.float64: copy.deepcopy(m).double()}
    return _MODELS[name][dtype]


def _image(rng, batch, side):
    """[-1,1] images: a smooth colour pattern plus noise, clipped."""
    yy, xx = np.mgrid[0:side, 0:side] / side
    base = np.stack([np.sin(6 * xx + 2 * yy), np.cos(5 * yy - 3 * xx), 2 * xx * yy - 0.5])
    out = [np.clip(base * (0.6 + 0.1 * b) + rng.normal(0, 0.3, base.shape), -1, 1) for b in range(batch)]
    return np.stack(out).astype(np.float32)


def dino_cases():
    out = []
    for name, cfg in CONFIGS.items():
        batch, side = INPUTS[name]
        image = _image(np.random.default_rng(seed_of("dinov2-" + name)), batch, side)
        m = model(name)
        weights = {k: v.detach().clone() for k, v in m.state_dict().items()}

        def compute(dtype, name=name, image=image):
            enc = model(name, dtype).main_image_encoder
            with torch.no_grad():
                pixels = enc.pixels(torch.from_numpy(image).to(dtype))
                return {"position_embeddings": enc.model.position_embeddings(pixels.shape[2], pixels.shape[3]),
                        "embeddings": enc.model.embed(pixels), "last_hidden_state": enc(torch.from_numpy(image).to(dtype))}

        def indep(np_dtype, cfg=cfg, image=image, weights=weights):
            sd = {k: to_numpy(v) for k, v in weights.items()}
            pos, emb, last = numpy_dino(sd, cfg["config"], cfg["image_size"], cfg["use_cls_token"], image, np_dtype)
            return {"position_embeddings": pos, "embeddings": emb, "last_hidden_state": last}

        c = cfg["config"]
        g, n = c["image_size"] // c["patch_size"], cfg["image_size"] // c["patch_size"]
        summary = (f"hidden {c['hidden_size']}, {c['num_hidden_layers']} layers, {c['num_attention_heads']} heads, "
                   f"qkv bias {str(c['qkv_bias']).lower()}, position grid {g}×{g} → patch grid {n}×{n}, "
                   f"{batch}×{side}² input → {cfg['image_size']}², CLS {'kept' if cfg['use_cls_token'] else 'dropped'}")
        out.append(Case("dinov2-" + name, "dinov2", cfg, weights, {"image": image}, compute, summary,
                        independent=indep))
    return out


def cases():
    return preprocess_cases() + dino_cases()
