"""The golden cases of the VAE stack: fourier_embedder, fps, vae.encoder, vae.decoder, vae.geo_decoder, volume
and marching_cubes (the last only when scikit-image is importable). ``cases()`` returns them in order.

Configurations (all ShapeVAE constructor arguments spelled out, see ``vae_reference.SHAPE_VAE_KEYS``):
  a   width 64, 4 heads (head dim 16), 32 latents, num_freqs 8, no π, qk-norm, no qkv bias, 1 encoder and
      2 decoder layers, 256 uniform points (a permutation, as released: pc_size = num_latents·downsample_ratio)
  b   width 32, 2 heads, num_freqs 6 with π, no qk-norm, 2+2 layers, 192 uniform + 64 sharp points
      (24 + 8 queries), geo decoder MLP ×2
  b2  b with qk-norm on and geo_decoder_ln_post false (upstream then drops the geo decoder's qk-norm too)
  c   width 128, 2 heads (head dim 64 as released), 16 latents, num_freqs 4, qkv bias, 1 decoder layer,
      geo decoder MLP ×1
  d   width 48, 3 heads, num_freqs 5 with π, qkv bias, no encoder self-attention layers (self_attn is None),
      point_feats 3 (normals, no flag), 256 of 320 points (a true subset), pre_kl biases that drive some
      logvar channels into the clamp [-30, 20]
  e   width 32, 2 heads, qk-norm, "small activations": every projection that feeds a residual stream or a
      qk-norm is scaled by 0.02, so LayerNorm inputs have variance ~1e-4..1e-3 and the eps values (1e-6 in
      blocks and qk-norm, 1e-5 in the ln_post layers) change the outputs by far more than the tolerance
"""

import copy
import math

import numpy as np
import torch

from fps_reference import fps, fps_count, fps_margins, fps_torch_cluster_style
from golden_case import Case, check_layout, config_from, randomize_, seed_of, select_weights, to_numpy
from spec_check import SpecVAE
from vae_reference import SHAPE_VAE_KEYS, FourierEmbedder, ShapeVAE, grid_points

SCALE_FACTOR = 1.0039506158752403
B = 2

_BASE = dict(num_latents=32, embed_dim=8, num_freqs=8, include_pi=False, heads=4, width=64, num_encoder_layers=1,
             num_decoder_layers=2, qkv_bias=False, qk_norm=True, point_feats=4, pc_size=256, pc_sharpedge_size=0,
             geo_decoder_mlp_expand_ratio=4, geo_decoder_downsample_ratio=1, geo_decoder_ln_post=True,
             scale_factor=SCALE_FACTOR, downsample_ratio=8, use_ln_post=True)


def _cfg(**changes):
    return config_from(_BASE, SHAPE_VAE_KEYS, **changes)


CONFIGS = {
    "a": _cfg(),
    "b": _cfg(width=32, heads=2, embed_dim=4, num_freqs=6, include_pi=True, num_encoder_layers=2, qk_norm=False,
              pc_size=192, pc_sharpedge_size=64, geo_decoder_mlp_expand_ratio=2),
    "b2": _cfg(width=32, heads=2, embed_dim=4, num_freqs=6, include_pi=True, num_encoder_layers=2, qk_norm=True,
               pc_size=192, pc_sharpedge_size=64, geo_decoder_mlp_expand_ratio=2, geo_decoder_ln_post=False),
    "c": _cfg(width=128, heads=2, num_latents=16, embed_dim=16, num_freqs=4, num_encoder_layers=0,
              num_decoder_layers=1, qkv_bias=True, pc_size=320, downsample_ratio=20,
              geo_decoder_mlp_expand_ratio=1),
    "e": _cfg(width=32, heads=2, embed_dim=8, num_decoder_layers=1),
    "d": _cfg(width=48, heads=3, num_latents=16, embed_dim=8, num_freqs=5, include_pi=True, num_encoder_layers=0,
              num_decoder_layers=1, qkv_bias=True, point_feats=3, pc_size=320, downsample_ratio=16),
}


def _highlights(c):
    s = (f"w{c['width']} h{c['heads']} L{c['num_latents']} e{c['embed_dim']} F{c['num_freqs']}"
         f"{' π' if c['include_pi'] else ''} qkn={'on' if c['qk_norm'] else 'off'}"
         f"{' qkv_bias' if c['qkv_bias'] else ''}")
    return s


# --- models (one per config, seeded by its name; bundles of a config share its weights) -------------------
_MODELS = {}
SMALL_ACTIVATIONS = {"e": 0.02}
_FEEDS_STREAM_OR_QKNORM = ("query_proj.", "input_proj.", "post_kl.", "attn.c_proj.", "mlp.c_proj.", "attn.c_q.",
                           "attn.c_kv.", "attn.c_qkv.")


def shrink_(m, s):
    """Scale every projection whose output feeds a residual stream or a qk-norm (weights and biases) by s."""
    with torch.no_grad():
        for k, p in m.named_parameters():
            if any(t in k for t in _FEEDS_STREAM_OR_QKNORM):
                p.mul_(s)
    return m


def model(name, dtype=torch.float32):
    if name not in _MODELS:
        m = randomize_(ShapeVAE(**CONFIGS[name]), seed_of("vae-" + name)).eval()
        if name in SMALL_ACTIVATIONS:
            shrink_(m, SMALL_ACTIVATIONS[name])
        if name == "d":
            with torch.no_grad():  # drive logvar channels into/through the clamp (spec 2.8)
                e = CONFIGS[name]["embed_dim"]
                m.pre_kl.bias[e + 0] = 35.0    # always above 20 -> clamped to 20
                m.pre_kl.bias[e + 1] = -45.0   # always below -30 -> clamped to -30
                m.pre_kl.bias[e + 2] = 20.0    # straddles the upper clamp
        _MODELS[name] = {torch.float32: m, torch.float64: copy.deepcopy(m).double()}
    return _MODELS[name][dtype]


def _exact_double_model(name):
    m = copy.deepcopy(model(name, torch.float64))
    m.fourier_embedder.use_exact_double()  # shared by encoder and geo decoder
    return m


def _t(x, dtype):
    x = torch.as_tensor(x)
    return x.to(dtype) if x.is_floating_point() else x


# --- inputs ---------------------------------------------------------------------------------------------
def _rotation(rng):
    q, r = np.linalg.qr(rng.standard_normal((3, 3)))
    q = q * np.sign(np.diag(r))
    if np.linalg.det(q) < 0:
        q[:, 0] = -q[:, 0]
    return q


def make_surface(rng, n_uniform, n_sharp, point_feats, batch=B):
    """Per batch item: a rotated, shifted ellipsoid; uniform rows = surface points with unit normals, sharp
    rows = points on one principal ellipse (flag 1). Coordinates and normals are float16-quantised as the
    inference loader does (spec 2.2). Columns: x y z nx ny nz [flag]."""
    out = []
    for _ in range(batch):
        axes = rng.uniform(0.45, 0.9, 3)
        rot = _rotation(rng)
        centre = rng.uniform(-0.08, 0.08, 3)
        d = rng.standard_normal((n_uniform, 3))
        d /= np.linalg.norm(d, axis=1, keepdims=True)
        t = rng.uniform(0.0, 2.0 * np.pi, n_sharp)
        d = np.concatenate([d, np.stack([np.cos(t), np.sin(t), np.zeros_like(t)], 1)], 0)
        p = d * axes
        n = d / axes
        n /= np.linalg.norm(n, axis=1, keepdims=True)
        p = p @ rot.T + centre
        n = n @ rot.T
        cols = [p.astype(np.float16), n.astype(np.float16)]
        if point_feats == 4:
            cols.append(np.concatenate([np.zeros(n_uniform), np.ones(n_sharp)])[:, None].astype(np.float16))
        elif point_feats != 3:
            raise ValueError("point_feats 3 or 4")
        out.append(np.concatenate(cols, 1).astype(np.float32))
    return np.stack(out)


def encoder_indices(rng, surface, cfg):
    """data_index / query_index as upstream's sample_points_and_latents would draw them (spec 2.7), but with an
    independent subset per batch item: rows of ``surface``; queries = FPS (random start) on each subset."""
    nl, pc, ps, dr = cfg["num_latents"], cfg["pc_size"], cfg["pc_sharpedge_size"], cfg["downsample_ratio"]
    nrq = pc / (pc + ps) * nl
    nsq = nl - nrq
    n_in_r, n_in_s = int(nrq * dr), int(nsq * dr)
    assert n_in_r <= pc and n_in_s <= ps and surface.shape[1] == pc + ps
    cnt_r = fps_count(n_in_r, nrq / n_in_r)
    cnt_s = fps_count(n_in_s, nsq / n_in_s) if n_in_s else 0
    assert cnt_r + cnt_s == nl, (cnt_r, cnt_s, nl)
    data, query = [], []
    for b in range(surface.shape[0]):
        dr_idx = rng.permutation(pc)[:n_in_r].astype(np.int64)
        q = [dr_idx[fps(surface[b, dr_idx, :3], int(rng.integers(n_in_r)), cnt_r)]]
        d = [dr_idx]
        if n_in_s:
            ds_idx = (pc + rng.permutation(ps)[:n_in_s]).astype(np.int64)
            q.append(ds_idx[fps(surface[b, ds_idx, :3], int(rng.integers(n_in_s)), cnt_s)])
            d.append(ds_idx)
        data.append(np.concatenate(d))
        query.append(np.concatenate(q))
    return np.stack(data), np.stack(query)


def _decoder_latents(name, seed_name):
    """Realistic latents for the geo decoder/volume: the config's own decoder applied to N(0,1) z."""
    cfg = CONFIGS[name]
    rng = np.random.default_rng(seed_of(seed_name))
    z = rng.standard_normal((B, cfg["num_latents"], cfg["embed_dim"])).astype(np.float32)
    with torch.no_grad():
        return to_numpy(model(name).decode(torch.from_numpy(z))).astype(np.float32)


def _spec(name, dtype):
    return SpecVAE({k: to_numpy(v) for k, v in model(name).state_dict().items()}, CONFIGS[name], dtype)


# --- families -------------------------------------------------------------------------------------------
def fourier_cases():
    out = []
    for name, nf, pi, n in (("fourier-f8", 8, False, 48), ("fourier-f6-pi", 6, True, 48),
                            ("fourier-f10-pi", 10, True, 48), ("fourier-f0", 0, False, 8)):
        rng = np.random.default_rng(seed_of(name))
        pts = rng.uniform(-1.01, 1.01, (B, n, 3)).astype(np.float32)
        special = np.array([[0.0, -0.0, 1.0], [-1.0, 1.01, -1.01], [1e-8, -3e-5, 0.5],
                            [0.99999994, -0.9999, 0.1]], dtype=np.float32)
        pts[0, :4] = special
        cfg = dict(num_freqs=nf, logspace=True, input_dim=3, include_input=True, include_pi=pi)

        def compute(dtype, nf=nf, pi=pi, pts=pts):
            return {"embedding": FourierEmbedder(nf, pi)(_t(pts, dtype))}

        def exact(nf=nf, pi=pi, pts=pts):
            e32 = to_numpy(FourierEmbedder(nf, pi)(torch.from_numpy(pts))).astype(np.float64)
            ex = to_numpy(FourierEmbedder(nf, pi).use_exact_double()(torch.from_numpy(pts).double()))
            return {"pure_f64_max_abs": float(np.abs(e32 - ex).max())}

        def indep(np_dtype, nf=nf, pi=pi, pts=pts):
            return {"embedding": SpecVAE({}, dict(num_freqs=nf, include_pi=pi), np_dtype).fourier(
                pts.astype(np_dtype))}

        out.append(Case(name, "fourier_embedder", cfg, {}, {"points": pts}, compute,
                        f"num_freqs {nf}, include_pi {str(pi).lower()}, {B}×{n} points in ±1.01 incl. 0, -0, ±1, ±1.01",
                        independent=indep, informational=exact))
    return out


def fps_cases():
    out = []

    def lattice(rng):
        g = np.stack(np.meshgrid(np.arange(5), np.arange(5), np.arange(4), indexing="ij"), -1).reshape(-1, 3)
        return (g[rng.permutation(len(g))] * 0.25 - 0.5).astype(np.float32)  # exact binary fractions

    def duplicates(rng):
        base = rng.uniform(-1, 1, (6, 3)).astype(np.float32)
        return base[rng.permutation(np.repeat(np.arange(6), 4))]

    specs = (
        ("fps-random", 48, "400 points uniform in [-1,1]³, count 48",
         lambda rng: rng.uniform(-1, 1, (400, 3)).astype(np.float32)),
        ("fps-surface", 64, "512 float16-quantised ellipsoid surface points (as the encoder sees), count 64",
         None),
        ("fps-lattice-ties", 30, "5×5×4 lattice (spacing 0.25, shuffled): exact distance ties → lowest index, count 30",
         lattice),
        ("fps-duplicates", 12, "6 distinct points ×4 copies, count 12 > 6: once all distances are 0 the argmax is index 0",
         duplicates),
    )
    for name, count, summary, gen in specs:
        rng = np.random.default_rng(seed_of(name))
        if gen is None:
            pts = make_surface(rng, 512, 0, 3)[..., :3]
        else:
            pts = np.stack([gen(rng) for _ in range(B)])
        start = rng.integers(0, pts.shape[1], B).astype(np.int64)

        def compute(dtype, pts=pts, start=start, count=count):
            npd = np.float32 if dtype == torch.float32 else np.float64
            return {"index": np.stack([fps(pts[b], int(start[b]), count, npd) for b in range(B)])}

        def indep(np_dtype, pts=pts, start=start, count=count):
            return {"index": np.stack([fps_torch_cluster_style(pts[b], int(start[b]), count) for b in range(B)])}

        def margins(pts=pts, start=start, count=count):
            m = [fps_margins(pts[b], int(start[b]), count) for b in range(B)]
            return {"min_rel_gap": min(x[0] for x in m), "tie_steps": sum(x[1] for x in m)}

        out.append(Case(name, "fps", {"count": count}, {}, {"points": pts, "start": start}, compute,
                        summary, independent=indep, informational=margins, exact=True))
    return out


def encoder_cases():
    out = []
    for cname, extra in (("a", "256 uniform points (permutation), 1 self-attn layer"),
                         ("b", "192 uniform + 64 sharp points → 24 + 8 queries, 2 self-attn layers, no qk-norm"),
                         ("d", "256 of 320 points (subset), 0 self-attn layers, point_feats 3, logvar clamp hit"),
                         ("e", "small activations (LayerNorm eps matters), 1 self-attn layer")):
        cfg = CONFIGS[cname]
        name = f"vae-encoder-{cname}"
        rng = np.random.default_rng(seed_of(name))
        surface = make_surface(rng, cfg["pc_size"], cfg["pc_sharpedge_size"], cfg["point_feats"])
        data_index, query_index = encoder_indices(rng, surface, cfg)

        def compute(dtype, cname=cname, s=surface, di=data_index, qi=query_index):
            with torch.no_grad():
                h, mu, lv = model(cname, dtype).encode_moments(_t(s, dtype), torch.from_numpy(di),
                                                               torch.from_numpy(qi))
            return {"hidden": h, "mean": mu, "logvar": lv}

        def indep(np_dtype, cname=cname, s=surface, di=data_index, qi=query_index):
            return _spec(cname, np_dtype).encoder(s, di, qi)

        def exact(cname=cname, s=surface, di=data_index, qi=query_index, compute=compute):
            ref = compute(torch.float32)
            with torch.no_grad():
                h, mu, lv = _exact_double_model(cname).encode_moments(torch.from_numpy(s).double(),
                                                                      torch.from_numpy(di), torch.from_numpy(qi))
            return {"pure_f64_max_abs": max(float((ref[k].double() - v).abs().max())
                                            for k, v in (("hidden", h), ("mean", mu), ("logvar", lv)))}

        out.append(Case(name, "vae.encoder", cfg, select_weights(model(cname).state_dict(), ("encoder.", "pre_kl.")),
                        {"surface": surface, "data_index": data_index, "query_index": query_index}, compute,
                        f"config {cname}: {_highlights(cfg)}; {extra}", independent=indep,
                        informational=exact if cfg["include_pi"] else None))
    return out


def decoder_cases():
    out = []
    for cname, extra in (("a", "2 layers"), ("b", "2 layers, no qk-norm"), ("c", "1 layer, head dim 64, qkv bias"),
                         ("e", "1 layer, small activations (LayerNorm eps matters)")):
        cfg = CONFIGS[cname]
        name = f"vae-decoder-{cname}"
        rng = np.random.default_rng(seed_of(name))
        z = rng.standard_normal((B, cfg["num_latents"], cfg["embed_dim"])).astype(np.float32)

        def compute(dtype, cname=cname, z=z):
            with torch.no_grad():
                return {"latents": model(cname, dtype).decode(_t(z, dtype))}

        def indep(np_dtype, cname=cname, z=z):
            return _spec(cname, np_dtype).decoder(z)

        out.append(Case(name, "vae.decoder", cfg, select_weights(model(cname).state_dict(), ("post_kl.", "transformer.")),
                        {"z": z}, compute, f"config {cname}: {_highlights(cfg)}; {extra}", independent=indep))
    return out


def geo_cases():
    out = []
    for cname, n, extra in (("a", 160, "MLP ×4, ln_post"),
                            ("b2", 160, "MLP ×2, geo_decoder_ln_post false ⇒ no ln_post and no qk-norm"),
                            ("c", 96, "MLP ×1, head dim 64, qkv bias"),
                            ("e", 160, "small activations (LayerNorm eps matters)")):
        cfg = CONFIGS[cname]
        name = f"vae-geo-decoder-{cname}"
        rng = np.random.default_rng(seed_of(name))
        latents = _decoder_latents(cname, name + "-z")
        queries = rng.uniform(-1.01, 1.01, (B, n, 3)).astype(np.float32)
        queries[:, 0] = [-1.01, -1.01, -1.01]
        queries[:, 1] = [1.01, 1.01, 1.01]

        def compute(dtype, cname=cname, lat=latents, q=queries):
            with torch.no_grad():
                return {"logits": model(cname, dtype).geo_decoder(_t(q, dtype), _t(lat, dtype))}

        def indep(np_dtype, cname=cname, lat=latents, q=queries):
            return _spec(cname, np_dtype).geo_decoder(lat, q)

        def exact(cname=cname, lat=latents, q=queries, compute=compute):
            ref = compute(torch.float32)["logits"].double()
            with torch.no_grad():
                e = _exact_double_model(cname).geo_decoder(torch.from_numpy(q).double(), torch.from_numpy(lat).double())
            return {"pure_f64_max_abs": float((ref - e).abs().max())}

        out.append(Case(name, "vae.geo_decoder", cfg, select_weights(model(cname).state_dict(), ("geo_decoder.",)),
                        {"latents": latents, "queries": queries}, compute,
                        f"config {cname}: {_highlights(cfg)}; {extra}; latents = the config's decoder output, "
                        f"{B}×{n} queries in ±1.01", independent=indep,
                        informational=exact if cfg["include_pi"] else None))
    return out


def volume_cases():
    out = []
    for cname, bounds, r in (("a", 1.01, 16), ("b2", 1.0, 11)):
        cfg = dict(CONFIGS[cname])
        cfg.update(bounds=bounds, octree_resolution=r)
        name = f"volume-{cname}-r{r}"
        latents = _decoder_latents(cname, name + "-z")

        def compute(dtype, cname=cname, lat=latents, bounds=bounds, r=r):
            with torch.no_grad():
                return {"grid": model(cname, dtype).volume(_t(lat, dtype), bounds, r, num_chunks=1000)}

        def indep(np_dtype, cname=cname, lat=latents, bounds=bounds, r=r):
            return _spec(cname, np_dtype).volume(lat, bounds, r)

        out.append(Case(name, "volume", cfg, select_weights(model(cname).state_dict(), ("geo_decoder.",)),
                        {"latents": latents}, compute,
                        f"config {cname}: bounds {bounds}, octree_resolution {r} → grid {B}×{r + 1}³",
                        independent=indep))
    return out


# --- marching cubes (needs scikit-image) ----------------------------------------------------------------
def _mc_mesh(grid, level, bounds, r):
    """Hunyuan's MCSurfaceExtractor + export: Lewiner MC, world = v/(R+1)·2b - b (float64, then float32),
    faces reversed. Returns (world float32 [V,3], world float64 unrounded [V,3], faces [F,3])."""
    from skimage import measure
    v, f, _, _ = measure.marching_cubes(grid, level, method="lewiner")
    grid_size = [r + 1] * 3
    bbox_min, bbox_size = np.array([-bounds] * 3), np.array([2 * bounds] * 3)
    world64 = v / grid_size * bbox_size + bbox_min
    return world64.astype(np.float32), (v.astype(np.float64) / (r + 1)) * (2 * bounds) - bounds, f[:, ::-1]


def _area_volume(v, f, dtype):
    v = v.astype(dtype)
    a, b, c = v[f[:, 0]], v[f[:, 1]], v[f[:, 2]]
    cr = np.cross(b - a, c - a)
    area = dtype(0.5) * np.sqrt((cr * cr).sum(1)).sum(dtype=dtype)
    vol = (a * np.cross(b, c)).sum(1).sum(dtype=dtype) / dtype(6.0)
    return float(area), float(vol)


def _mesh_topology(f):
    e = np.sort(np.concatenate([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]]), axis=1)
    _, counts = np.unique(e, axis=0, return_counts=True)
    return len(counts), bool(np.all(counts == 2))


def mc_cases():
    try:
        import skimage  # noqa: F401
    except ImportError:
        print("marching_cubes: scikit-image not importable, bundles skipped")
        return []
    out = []

    def field_grid(bounds, r, fn):
        p = grid_points(bounds, r).astype(np.float64)
        return fn(p).astype(np.float32)

    rng = np.random.default_rng(seed_of("mc-random-r13"))
    rnd = np.pad(rng.standard_normal((12, 12, 12)), 1, constant_values=-1.0).astype(np.float32)
    blobs = [((-0.35, 0.0, 0.05), 0.45, 1.0), ((0.3, 0.1, -0.05), 0.4, 0.9), ((0.0, -0.45, 0.3), 0.3, 0.8)]

    def blob_field(p):
        return sum(a * np.exp(-np.sum((p - np.array(c)) ** 2, -1) / s ** 2) for c, s, a in blobs)

    specs = (
        ("mc-sphere-r32", 0.0, 1.01, 32,
         field_grid(1.01, 32, lambda p: 0.5 - np.linalg.norm(p - np.array([0.3, -0.2, 0.1]), axis=-1)),
         "sphere r 0.5 at (0.3,-0.2,0.1), positive inside, level 0 (spec 6.2 example; the ÷(R+1) mapping shrinks it)"),
        ("mc-sphere-zeros-r24", 0.0, 1.0, 24,
         field_grid(1.0, 24, lambda p: 0.5 - np.linalg.norm(p, axis=-1)),
         "centred sphere r 0.5, bounds 1.0: six grid values exactly 0 (= level counts as outside, vertex snaps)"),
        ("mc-blobs-r24", 0.5, 1.01, 24, field_grid(1.01, 24, blob_field),
         "three Gaussian blobs, level 0.5 (non-zero level, necks between blobs)"),
        ("mc-random-r13", 0.1, 1.01, 13, rnd,
         "12³ N(0,1) field padded with -1, level 0.1: many ambiguous cells (Lewiner tables and interior tests)"),
    )
    for name, level, bounds, r, grid, summary in specs:
        assert grid.shape == (r + 1,) * 3

        def compute(dtype, grid=grid, level=level, bounds=bounds, r=r):
            w32, w64, f = _mc_mesh(grid, level, bounds, r)
            if dtype == torch.float32:   # the stored reference: upstream's float32 world vertices, summed in f64
                area, vol = _area_volume(w32, f, np.float64)
                area, vol = np.float32(area), np.float32(vol)
            else:                        # unrounded world vertices
                area, vol = _area_volume(w64, f, np.float64)
            return {"vertex_count": np.array([len(w32)], np.int64), "face_count": np.array([len(f)], np.int64),
                    "area": np.array([area], np.float64 if dtype == torch.float64 else np.float32),
                    "volume": np.array([vol], np.float64 if dtype == torch.float64 else np.float32)}

        def alternative(grid=grid, level=level, bounds=bounds, r=r):
            w32, _, f = _mc_mesh(grid, level, bounds, r)
            area, vol = _area_volume(w32, f, np.float32)  # float32 accumulation
            return {"area": np.array([area]), "volume": np.array([vol])}

        def topo(grid=grid, level=level, bounds=bounds, r=r):
            w32, _, f = _mc_mesh(grid, level, bounds, r)
            n_edges, closed = _mesh_topology(f)
            return {"euler": len(w32) - n_edges + len(f), "closed": closed}

        c = Case(name, "marching_cubes", {"level": level, "bounds": bounds, "octree_resolution": r}, {},
                 {"grid": grid}, compute, summary, informational=topo)
        c.alternatives = alternative
        # the Java marching cubes tiles polygons (and some tunnel cells) differently from skimage's Lewiner
        # tables: measured and documented, so these bundles live apart (golden-outputs/README.md, Divergences)
        c.directory = "divergences"
        out.append(c)
    return out


# spec 7.2 / 7.3: the released configuration's state_dict, instantiated on the meta device (no memory)
RELEASED_COUNTS = {"": (410, 327746177), "encoder.": (None, 113402112), "pre_kl.": (None, 131200),
                   "post_kl.": (None, 66560), "transformer.": (None, 201494528), "geo_decoder.": (None, 12651777)}
RELEASED_SHAPES = {
    "encoder.input_proj.weight": (1024, 55), "encoder.cross_attn.attn.c_q.weight": (1024, 1024),
    "encoder.cross_attn.attn.c_kv.weight": (2048, 1024), "encoder.cross_attn.attn.attention.q_norm.weight": (64,),
    "encoder.cross_attn.attn.attention.k_norm.bias": (64,), "encoder.cross_attn.mlp.c_fc.weight": (4096, 1024),
    "encoder.self_attn.resblocks.7.attn.c_qkv.weight": (3072, 1024), "encoder.ln_post.bias": (1024,),
    "pre_kl.weight": (128, 1024), "post_kl.weight": (1024, 64), "post_kl.bias": (1024,),
    "transformer.resblocks.15.attn.c_qkv.weight": (3072, 1024),
    "transformer.resblocks.0.attn.c_proj.weight": (1024, 1024), "transformer.resblocks.0.attn.c_proj.bias": (1024,),
    "transformer.resblocks.0.attn.attention.q_norm.weight": (64,), "transformer.resblocks.0.ln_2.weight": (1024,),
    "transformer.resblocks.0.mlp.c_fc.weight": (4096, 1024), "transformer.resblocks.0.mlp.c_proj.weight": (1024, 4096),
    "geo_decoder.query_proj.weight": (1024, 51), "geo_decoder.cross_attn_decoder.attn.c_kv.weight": (2048, 1024),
    "geo_decoder.cross_attn_decoder.ln_3.weight": (1024,), "geo_decoder.ln_post.weight": (1024,),
    "geo_decoder.output_proj.weight": (1, 1024), "geo_decoder.output_proj.bias": (1,),
}


def self_test():
    """Key names and shapes of vae_reference against spec 7.2/7.3 (released config, meta device), and the
    bias-free attention projections of qkv_bias false."""
    from vae_reference import RELEASED_CONFIG
    sd = ShapeVAE(**RELEASED_CONFIG, device="meta").state_dict()
    check_layout(sd, RELEASED_COUNTS, RELEASED_SHAPES)
    assert not any(k.endswith(("c_qkv.bias", "c_q.bias", "c_kv.bias")) for k in sd)
    return "released ShapeVAE: 410 tensors, 327,746,177 params, spec 7.2 sub-counts and 7.3 shapes match"


def cases():
    return (fourier_cases() + fps_cases() + encoder_cases() + decoder_cases() + geo_cases() + volume_cases()
            + mc_cases())
