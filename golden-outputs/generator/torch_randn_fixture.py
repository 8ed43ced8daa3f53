#!/usr/bin/env python3
"""Writes the fixture that pins sculpt4d's TorchGenerator to ``torch.manual_seed(s); torch.randn(shape)``.

    cd golden-outputs && /usr/bin/python3 generator/torch_randn_fixture.py

Output: ``sculpt4d-model/src/test/resources/org/sculpt4d/sampler/torch-randn.safetensors`` (plain safetensors,
not a golden bundle: there is no module to run). One F32 tensor per case, named ``randn.<seed>.<d0>x<d1>...``
with the case's shape. Large cases store, instead of every value, ``<name>.head`` and ``<name>.tail`` (the
first and last 256 values) and ``<name>.crc32`` (I64 [1]: CRC-32 of all float32 values as little-endian bytes).

The sizes cover both paths of torch's CPU ``normal_kernel``: fewer than 16 values (scalar double Box-Muller with
its cached second value), exactly 16, multiples of 16, and non-multiples (the last 16 values are redrawn).
The AVX2 kernel is forced (``ATEN_CPU_CAPABILITY=avx2`` before importing torch) because the vectorised path
depends on the CPU capability: AVX2 uses avx_mathfun.h's float Cephes log/sincos, the other kernels libm.
"""

import os
import sys
import zlib

os.environ["ATEN_CPU_CAPABILITY"] = "avx2"

import numpy as np  # noqa: E402
import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bundle import read_safetensors, write_safetensors  # noqa: E402

OUT = os.path.join(HERE, "..", "..", "sculpt4d-model", "src", "test", "resources", "org", "sculpt4d", "sampler",
                   "torch-randn.safetensors")

FULL = [  # (seed, shape): every value stored
    (0, [1]), (0, [2]), (0, [3]), (0, [15]), (0, [16]), (0, [17]), (0, [31]), (0, [32]), (0, [33]),
    (1, [2, 3, 5]), (42, [7]), (42, [48]), (42, [100]), (1234, [4, 64]), (1234, [1000]),
    (2**32 + 7, [21]), (2**40 + 3, [5]), (123456789, [4119]),
]
LARGE = [(1234, [3, 4096, 64]), (0, [4096, 64])]  # head, tail and CRC-32
EDGE = 256


def name(seed, shape):
    return f"randn.{seed}." + "x".join(str(d) for d in shape)


def draw(seed, shape):
    torch.manual_seed(seed)
    return torch.randn(shape).numpy()


def main():
    capability = [line.strip() for line in torch.__config__.show().splitlines() if "CPU capability" in line]
    tensors = {}
    for seed, shape in FULL:
        tensors[name(seed, shape)] = draw(seed, shape)
    for seed, shape in LARGE:
        x = draw(seed, shape).reshape(-1)
        n = name(seed, shape)
        tensors[n + ".head"] = x[:EDGE]
        tensors[n + ".tail"] = x[-EDGE:]
        tensors[n + ".crc32"] = np.array([zlib.crc32(x.astype("<f4").tobytes())], dtype=np.int64)
    meta = {"producer": "golden-outputs/generator/torch_randn_fixture.py",
            "torch": torch.__version__, "kernel": "avx2 (ATEN_CPU_CAPABILITY=avx2)",
            "config": "; ".join(capability)}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    tmp = OUT + ".tmp"
    size = write_safetensors(tmp, tensors, meta)
    _, back = read_safetensors(tmp)
    for k, v in tensors.items():
        assert np.array_equal(back[k], v), k
    os.replace(tmp, OUT)
    print(f"wrote {os.path.relpath(OUT)}: {len(tensors)} tensors, {size} bytes ({meta['config']})")


if __name__ == "__main__":
    main()
