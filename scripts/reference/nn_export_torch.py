#!/usr/bin/env python3
"""Loads @init/nn's exported weights into the equivalent torch.nn model and records its outputs.

Reads packages/nn/test/fixtures/export-model.safetensors (written by nn_export_model.ts) with a
small safetensors reader (8-byte little-endian header length, JSON header, raw little-endian data),
loads it with model.load_state_dict(strict=True) (BatchNorm fills in its num_batches_tracked
counter, which @init/nn does not keep, by itself), runs the batch of export-batch.json in eval mode and writes
export-torch.json: PyTorch's outputs, the missing and unexpected keys, and the largest difference.

Run: /usr/bin/python3 scripts/reference/nn_export_torch.py
"""
import collections
import json
import os
import struct

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)
HERE = os.path.join(os.path.dirname(__file__), "..", "..", "packages", "nn", "test", "fixtures")


def load_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32", info
        a, b = info["data_offsets"]
        data = np.frombuffer(raw[8 + n + a : 8 + n + b], dtype="<f4").reshape(info["shape"])
        out[name] = torch.from_numpy(data.copy())
    return out


model = torch.nn.Sequential(
    collections.OrderedDict(
        conv=torch.nn.Conv2d(1, 4, 3, padding=1),
        bn=torch.nn.BatchNorm2d(4),
        act=torch.nn.ReLU(),
        pool=torch.nn.MaxPool2d(2),
        flat=torch.nn.Flatten(),
        fc1=torch.nn.Linear(36, 8),
        act2=torch.nn.GELU(),
        fc2=torch.nn.Linear(8, 3),
    )
)
state = load_safetensors(os.path.join(HERE, "export-model.safetensors"))
result = model.load_state_dict(state, strict=True)
model.eval()
batch = json.load(open(os.path.join(HERE, "export-batch.json")))
x = torch.tensor(batch["x"], dtype=torch.float32).reshape(batch["batch"], *batch["inputShape"])
with torch.no_grad():
    y = model(x)
ours = torch.tensor(batch["y"]).reshape(y.shape)
diff = float((y - ours).abs().max())
out = {
    "torch": torch.__version__,
    "y": [float(v) for v in y.reshape(-1)],
    "missingKeys": list(result.missing_keys),
    "unexpectedKeys": list(result.unexpected_keys),
    "maxAbsDiff": diff,
}
with open(os.path.join(HERE, "export-torch.json"), "w") as f:
    json.dump(out, f)
    f.write("\n")
print(f"missing {out['missingKeys']}, unexpected {out['unexpectedKeys']}, max |torch - init| = {diff:.3g}")
