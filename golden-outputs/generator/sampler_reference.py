#!/usr/bin/env python3
"""Hunyuan3D 2.1's flow-matching Euler sampling loop with classifier-free guidance, in PyTorch (spec
hunyuan3d21-shape.md §5.2-5.3), for any velocity model given as a callable.

    sample(model, noise, cond, steps, guidance_scale, observer=None) -> final latents

``model(x, t, cond) -> v`` takes ``x [2B, ...]`` (conditional copy first), ``t [2B]`` flow times in [0, 1] and
``cond [2B, ...]`` whose second half is all zeros, and returns the velocity of ``x``'s shape. The loop reproduces,
op for op in float32, what ``Hunyuan3DDiTFlowMatchingPipeline.__call__`` and its ``FlowMatchEulerDiscreteScheduler``
do: ``sigmas = float32(numpy.linspace(0, 1, steps))`` then a final 1.0, ``timesteps = sigmas * 1000`` (float32), the
model time ``timesteps[i] / 1000`` in float32 (not always equal to ``sigmas[i]``), ``v = v_u + w * (v_c - v_u)`` and
``x = x + (sigmas[i+1] - sigmas[i]) * v``; the last step has size 0 but the model is still called, as upstream.
It is the oracle of sculpt4d's ``org.sculpt4d.sampler.FlowMatchEulerSampler``.

Making the DiT-based ``sampler`` golden bundles later (golden-format.md, module ``sampler``): inputs
``noise [B, T, N, C]`` and ``cond [B, T, S, context_dim]``, config = the DiT's (plus ``frames`` and ``mask`` for T > 1)
with ``steps`` and ``guidance_scale``, weights = the DiT's, output ``latents [B, T, N, C]``. In a case's
``compute(dtype)``, with the DiT reference module ``dit`` (T = 1: ``HunYuanDiTPlain`` on ``[B, N, C]``; T = 3: the
4D DiT on ``[B, T, N, C]``):

    latents = sample(lambda x, t, c: dit(x, t, c), noise.to(dtype), cond.to(dtype), steps, guidance_scale)

Keep ``steps`` small (e.g. 3-5) so the tolerance rule of precision.py is not swamped by accumulated error; the
noise may come from ``initial_noise(seed, B, T, N, C)`` (TorchGenerator reproduces torch.randn bit for bit on an
AVX2 CPU) or be stored as is.

Run as a script, this module writes the fixture ``sampler-elementwise.safetensors`` of the Java tests: the loop
driven by an element-wise toy model ``v = (1.5 - t) * x + 0.25 * cond`` (cond shaped like x), whose float32 result
a port must reproduce bit for bit, per step:

    cd golden-outputs && /usr/bin/python3 generator/sampler_reference.py
"""

import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bundle import read_safetensors, write_safetensors  # noqa: E402

TRAIN_TIMESTEPS = 1000
FIXTURE = os.path.join(HERE, "..", "..", "sculpt4d-model", "src", "test", "resources", "org", "sculpt4d", "sampler",
                       "sampler-elementwise.safetensors")


def schedule(steps, shift=1.0):
    """(sigmas [steps+1] float32 ending in 1.0, timesteps [steps] float32) as the pipeline and scheduler build them."""
    s = np.linspace(0, 1, steps)
    s = shift * s / (1 + (shift - 1) * s)
    sigmas = torch.from_numpy(s).to(torch.float32)
    timesteps = sigmas * TRAIN_TIMESTEPS
    return torch.cat([sigmas, torch.ones(1)]), timesteps


def sample(model, noise, cond, steps, guidance_scale, observer=None):
    """The §5.3 loop. ``observer(i, x)`` sees the latents after step i. Returns the final latents (float32 step)."""
    sigmas, timesteps = schedule(steps)
    guided = guidance_scale >= 0
    x = noise.clone()
    context = torch.cat([cond, torch.zeros_like(cond)]) if guided else cond
    for i, t in enumerate(timesteps):
        inp = torch.cat([x, x]) if guided else x
        tau = t.expand(inp.shape[0]).to(x.dtype) / TRAIN_TIMESTEPS
        v = model(inp, tau, context)
        if guided:
            v_c, v_u = v.chunk(2)
            v = v_u + guidance_scale * (v_c - v_u)
        x = (x.to(torch.float32) + (sigmas[i + 1] - sigmas[i]) * v).to(v.dtype)
        if observer is not None:
            observer(i, x)
    return x


def initial_noise(seed, batch, frames, tokens, channels, mode="shared"):
    """The initial noise [B, T, N, C] as org.sculpt4d.sampler.InitialNoise draws it (sculpt4d-method.md §3): ``shared``
    is one ``randn([B, N, C])`` repeated over the frames, ``independent`` one ``randn([B, T, N, C])``."""
    torch.manual_seed(seed)
    if mode == "independent":
        return torch.randn([batch, frames, tokens, channels])
    if mode != "shared":
        raise ValueError(f"noise mode {mode!r} is not one of: shared, independent")
    return torch.randn([batch, tokens, channels]).unsqueeze(1).expand(batch, frames, tokens, channels).contiguous()


def toy_model(x, t, cond):
    """Element-wise, so float32 results do not depend on summation order: ``(1.5 - t) * x + 0.25 * cond``."""
    rate = (1.5 - t).reshape([-1] + [1] * (x.dim() - 1))
    return rate * x + 0.25 * cond


FIXTURE_CASES = [  # name, shape [B, T, N, C], steps, guidance scale
    ("b1t1", [1, 1, 8, 4], 50, 5.0),
    ("b2t3", [2, 3, 5, 4], 7, 7.5),
    ("unguided", [1, 2, 4, 3], 4, -1.0),
]


def write_fixture():
    tensors, meta = {}, {"producer": "golden-outputs/generator/sampler_reference.py", "torch": torch.__version__}
    for k, (name, shape, steps, w) in enumerate(FIXTURE_CASES):
        torch.manual_seed(100 + k)
        noise = torch.randn(shape)
        cond = torch.randn(shape)
        per_step = []
        sample(toy_model, noise, cond, steps, w, lambda i, x: per_step.append(x.clone()))
        tensors[f"{name}.noise"] = noise
        tensors[f"{name}.cond"] = cond
        tensors[f"{name}.latents"] = torch.stack(per_step)  # [steps, B, T, N, C]
        meta[f"{name}.steps"] = str(steps)
        meta[f"{name}.guidance_scale"] = repr(w)
    tmp = FIXTURE + ".tmp"
    size = write_safetensors(tmp, tensors, meta)
    _, back = read_safetensors(tmp)
    for key, value in tensors.items():
        assert np.array_equal(back[key], value.numpy()), key
    os.replace(tmp, FIXTURE)
    print(f"wrote {os.path.relpath(FIXTURE)}: {len(tensors)} tensors, {size} bytes")


def self_test():
    """The loop against the closed form of a linear field v = a·x in float64: x_N = Π (1 + a·Δσ_i)·x_0."""
    sigmas, _ = schedule(10)
    x0 = torch.randn(2, 3, dtype=torch.float64)
    a = -0.7
    got = sample(lambda x, t, c: a * x, x0, torch.zeros_like(x0), 10, 3.0)
    want = x0 * np.prod([1 + a * float(sigmas[i + 1] - sigmas[i]) for i in range(10)])
    assert torch.allclose(got.double(), want, rtol=1e-6), (got, want)


if __name__ == "__main__":
    self_test()
    write_fixture()
