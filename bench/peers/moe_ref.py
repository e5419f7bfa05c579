"""PyTorch reference of moe-lab's model at the same shapes, for bench/peers.ts (side by side, as ratios).

  /usr/bin/python3 bench/peers/moe_ref.py --vocab V --classes C --tokens T [--threads 1] [--seconds S]

(a) Training: factorised embedding (own rows + class rows) tied as the head, RMSNorm, one MoE layer of
    SwiGLU experts (width 32, hidden 64, top-2 of 8 and of 64, softmax router, gates renormalised
    over the chosen), next-word cross-entropy + Switch balance loss (alpha 0.01), Adam lr 0.01.
    Random token ids, T tokens a step. Tokens/s over timed steps after warm-up.
(b) One MoE layer forward at T=1024, width 64, hidden 128, k=2, E=8/64/256: route (router matmul,
    softmax, top-k), then per expert index_select, SwiGLU, index_add_ (sparse); and every expert on
    every token weighted by its gate column (dense). Median ms.
Prints one JSON object on stdout. Not a test dependency.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument("--vocab", type=int, required=True)
p.add_argument("--classes", type=int, default=0)
p.add_argument("--tokens", type=int, default=400)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--seconds", type=float, default=3.0, help="time budget per timed figure")
args = p.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(1)


def rms_norm(x):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6)


class MoeLayer(torch.nn.Module):
    def __init__(self, d, hidden, experts, k):
        super().__init__()
        self.k = k
        self.router = torch.nn.Parameter(torch.randn(d, experts) * d**-0.5)
        self.gate = torch.nn.ParameterList([torch.nn.Parameter(torch.randn(d, hidden) * d**-0.5) for _ in range(experts)])
        self.up = torch.nn.ParameterList([torch.nn.Parameter(torch.randn(d, hidden) * d**-0.5) for _ in range(experts)])
        self.down = torch.nn.ParameterList([torch.nn.Parameter(torch.randn(hidden, d) * hidden**-0.5) for _ in range(experts)])

    def expert(self, e, x):
        return (F.silu(x @ self.gate[e]) * (x @ self.up[e])) @ self.down[e]

    def route(self, h):
        probs = torch.softmax(h @ self.router, dim=-1)
        top, idx = probs.topk(self.k, dim=-1)
        return probs, top / top.sum(-1, keepdim=True), idx

    def sparse(self, h, gates, idx):
        T, E = h.shape[0], len(self.gate)
        flat = idx.reshape(-1)
        order = torch.argsort(flat, stable=True)
        counts = torch.bincount(flat, minlength=E).tolist()
        token_of = order // self.k
        gate_of = gates.reshape(-1)[order]
        out = torch.zeros_like(h)
        start = 0
        for e, n in enumerate(counts):
            if n:
                rows = token_of[start : start + n]
                y = self.expert(e, h.index_select(0, rows)) * gate_of[start : start + n, None]
                out.index_add_(0, rows, y)
            start += n
        return out

    def dense(self, h, gates, idx):
        G = torch.zeros(h.shape[0], len(self.gate)).scatter_(1, idx, gates)
        out = torch.zeros_like(h)
        for e in range(len(self.gate)):
            out = out + self.expert(e, h) * G[:, e : e + 1]
        return out


class Model(torch.nn.Module):
    def __init__(self, vocab, classes, d, hidden, experts, k):
        super().__init__()
        self.emb = torch.nn.Parameter(torch.randn(vocab, d) * 0.1)
        self.class_emb = torch.nn.Parameter(torch.randn(max(classes, 1), d) * 0.1)
        self.class_of = torch.randint(0, max(classes, 1), (vocab,))
        self.moe = MoeLayer(d, hidden, experts, k)

    def loss(self, ids, targets, alpha=0.01):
        table = self.emb + self.class_emb[self.class_of]
        x = table[ids]
        h = rms_norm(x)
        probs, gates, idx = self.moe.route(h)
        x = x + self.moe.sparse(h, gates, idx)
        logits = rms_norm(x) @ table.t()
        task = F.cross_entropy(logits, targets)
        E = probs.shape[1]
        # Switch balance loss: E * sum_e f_e * P_e, f_e the share of routed slots on e.
        f = torch.bincount(idx.reshape(-1), minlength=E).float() / idx.numel()
        return task + alpha * E * (f * probs.mean(0)).sum()


def train_rate(experts):
    model = Model(args.vocab, args.classes, 32, 64, experts, 2)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    T = args.tokens

    def step():
        ids = torch.randint(0, args.vocab, (T,))
        targets = torch.randint(0, args.vocab, (T,))
        opt.zero_grad(set_to_none=True)  # unchosen experts keep no gradient and Adam skips them
        loss = model.loss(ids, targets)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(10):
        step()
    steps, t0 = 0, time.perf_counter()
    while steps < 20 or time.perf_counter() - t0 < args.seconds:
        step()
        steps += 1
    seconds = time.perf_counter() - t0
    return {"experts": experts, "tokensPerStep": T, "steps": steps, "stepsPerSecond": steps / seconds, "tokensPerSecond": steps * T / seconds}


def forward_ms(experts, T=1024, d=64, hidden=128, k=2):
    layer = MoeLayer(d, hidden, experts, k)
    h = torch.randn(T, d)
    out = {}
    with torch.no_grad():
        _, gates, idx = layer.route(h)
        diff = (layer.sparse(h, gates, idx) - layer.dense(h, gates, idx)).abs().max().item()
        for mode in ("sparse", "dense"):
            run = getattr(layer, mode)

            def once():
                t0 = time.perf_counter()
                _, g, i = layer.route(h)
                run(h, g, i)
                return (time.perf_counter() - t0) * 1000

            for _ in range(3):
                once()
            times = []
            start = time.perf_counter()
            while len(times) < 5 or (time.perf_counter() - start < args.seconds / 2 and len(times) < 200):
                times.append(once())
            out[mode] = statistics.median(times)
    return {"T": T, "E": experts, "k": k, "width": d, "hidden": hidden, "sparseMs": out["sparse"], "denseMs": out["dense"], "maxAbsDiff": diff}


def blas_library():
    """The BLAS library the process has loaded (Debian's torch links the libblas.so.3 alternative)."""
    try:
        with open("/proc/self/maps") as maps:
            libs = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})
        return ", ".join(libs) or "unknown"
    except OSError:
        return "unknown"


result = {
    "torch": torch.__version__,
    "threads": torch.get_num_threads(),
    "blas": blas_library(),
    "training": [train_rate(8), train_rate(64)],
    "forward": [forward_ms(8), forward_ms(64), forward_ms(256)],
}
print(json.dumps(result))
