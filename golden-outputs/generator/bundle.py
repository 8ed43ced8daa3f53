"""Minimal safetensors writer/reader for golden bundles (format ``sculpt4d-golden/1``).

No dependency on the ``safetensors`` package. Layout (see ``shared/spec/golden-format.md``):

    u64 little-endian N | N bytes of JSON header (space-padded so N % 8 == 0) | data section

The header maps tensor names to ``{"dtype", "shape", "data_offsets": [begin, end]}`` (offsets relative to
the data section) and carries ``__metadata__`` (string -> string). Tensors are laid out back to back without
gaps: 8-byte types (I64, F64) first, then 4-byte ones, each group in name order, so every tensor is aligned to
its element size and the file bytes depend only on the content (regeneration is byte-for-byte reproducible).

Public API (also used by ``dit_reference.py``):

    write_bundle(path, module, config, weights, inputs, outputs, rtol=None, atol=None, producer=None)
    read_bundle(path) -> Bundle(metadata, config, weights, inputs, outputs)
    write_safetensors(path, tensors, metadata) / read_safetensors(path)
"""

import json
import math
import struct
from collections import namedtuple

import numpy as np

FORMAT = "sculpt4d-golden/1"
DEFAULT_PRODUCER = "sculpt4d-java golden-outputs/generator"

_DTYPES = {  # numpy dtype -> safetensors dtype name
    np.dtype("float32"): "F32",
    np.dtype("int64"): "I64",
    np.dtype("float64"): "F64",
    np.dtype("float16"): "F16",
}
_NP = {v: k for k, v in _DTYPES.items()}

Bundle = namedtuple("Bundle", "metadata config weights inputs outputs")


def _as_array(value, name):
    """torch tensor / numpy array / scalar -> contiguous little-endian numpy array of an allowed dtype."""
    if hasattr(value, "detach"):  # torch.Tensor, without importing torch here
        value = value.detach().cpu().numpy()
    arr = np.asarray(value)
    if arr.dtype == np.bool_ or arr.dtype.kind in "iu":
        arr = arr.astype(np.int64)
    if arr.dtype not in _DTYPES:
        raise TypeError(f"{name}: unsupported dtype {arr.dtype}")
    return np.ascontiguousarray(arr.astype(arr.dtype.newbyteorder("<"), copy=False))


def write_safetensors(path, tensors, metadata=None):
    """Writes ``tensors`` (name -> array-like) with ``metadata`` (str -> str). Returns the byte size."""
    arrays = {name: _as_array(t, name) for name, t in tensors.items()}
    if metadata is not None:
        for k, v in metadata.items():
            if not isinstance(k, str) or not isinstance(v, str):
                raise TypeError(f"metadata {k!r}: keys and values must be str")
    order = sorted(arrays, key=lambda n: (-arrays[n].dtype.itemsize, n))
    header = {}
    if metadata:
        header["__metadata__"] = dict(metadata)
    offset = 0
    for name in order:
        a = arrays[name]
        header[name] = {"dtype": _DTYPES[a.dtype.newbyteorder("=")], "shape": list(a.shape),
                        "data_offsets": [offset, offset + a.nbytes]}
        offset += a.nbytes
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=True).encode("ascii")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for name in order:
            f.write(arrays[name].tobytes(order="C"))
    return 8 + len(text) + offset


def read_safetensors(path):
    """Returns (metadata dict, {name: numpy array}); validates offsets (contiguous, no gaps, in bounds)."""
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise ValueError(f"{path}: truncated")
    (n,) = struct.unpack("<Q", blob[:8])
    if 8 + n > len(blob):
        raise ValueError(f"{path}: header length {n} exceeds the file")
    header = json.loads(blob[8:8 + n].decode("utf-8"))
    data = memoryview(blob)[8 + n:]
    metadata = header.pop("__metadata__", {}) or {}
    spans, tensors = [], {}
    for name, entry in header.items():
        dt = _NP[entry["dtype"]].newbyteorder("<")
        shape = tuple(entry["shape"])
        begin, end = entry["data_offsets"]
        count = math.prod(shape)
        if end - begin != count * dt.itemsize or not 0 <= begin <= end <= len(data):
            raise ValueError(f"{path}: {name}: bad data_offsets {begin, end} for shape {shape} {entry['dtype']}")
        tensors[name] = np.frombuffer(data[begin:end], dtype=dt).reshape(shape).astype(dt.newbyteorder("="))
        spans.append((begin, end))
    spans.sort()
    pos = 0
    for b, e in spans:
        if b != pos:
            raise ValueError(f"{path}: gap or overlap in the data section at byte {pos}")
        pos = e
    if pos != len(data):
        raise ValueError(f"{path}: {len(data) - pos} trailing bytes after the last tensor")
    return metadata, tensors


def _fmt_tol(x):
    return repr(float(x))


def write_bundle(path, module, config, weights, inputs, outputs, rtol=None, atol=None, producer=None):
    """Writes one golden bundle.

    module   -- module name from golden-format.md (e.g. "vae.decoder")
    config   -- dict, serialised as JSON (keys in insertion order)
    weights  -- {upstream state_dict key: tensor}  -> stored as ``weight.<key>`` (F32)
    inputs   -- {name: tensor}                      -> ``input.<name>`` (F32 or I64)
    outputs  -- {name: tensor}                      -> ``output.<name>`` (F32 or I64)
    rtol/atol -- optional floats stored as metadata strings
    Returns the file size in bytes.
    """
    tensors = {}
    for prefix, group in (("weight.", weights), ("input.", inputs), ("output.", outputs)):
        for name, t in group.items():
            a = _as_array(t, prefix + name)
            if a.dtype == np.float64 or a.dtype == np.float16:
                a = a.astype(np.float32)  # bundles hold F32 (and I64) only
            tensors[prefix + name] = a
    meta = {"format": FORMAT, "module": module,
            "config": json.dumps(config, separators=(",", ":"), allow_nan=False)}
    if rtol is not None:
        meta["rtol"] = _fmt_tol(rtol)
    if atol is not None:
        meta["atol"] = _fmt_tol(atol)
    meta["producer"] = producer or DEFAULT_PRODUCER
    return write_safetensors(path, tensors, meta)


def read_bundle(path):
    """Reads a bundle back, checking the format tag; returns a ``Bundle``."""
    metadata, tensors = read_safetensors(path)
    if metadata.get("format") != FORMAT:
        raise ValueError(f"{path}: format {metadata.get('format')!r}, expected {FORMAT!r}")
    if "module" not in metadata or "config" not in metadata:
        raise ValueError(f"{path}: metadata lacks module/config")
    groups = {"weight.": {}, "input.": {}, "output.": {}}
    for name, a in tensors.items():
        for prefix, g in groups.items():
            if name.startswith(prefix):
                g[name[len(prefix):]] = a
                break
        else:
            raise ValueError(f"{path}: tensor {name!r} is neither weight.*, input.* nor output.*")
    return Bundle(metadata, json.loads(metadata["config"]), groups["weight."], groups["input."], groups["output."])
