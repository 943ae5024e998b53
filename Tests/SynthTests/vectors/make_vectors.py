#!/usr/bin/env python3
"""Reference values for the Synth generator's own PRNG and math, computed once offline.

- xoshiro256** seeded by SplitMix64: a direct transcription of the authors' C reference
  (https://prng.di.unimi.it/xoshiro256starstar.c, splitmix64.c), first outputs per seed.
- exp and log: Python's math module (the platform libm), which the Swift versions must match
  to within a couple of ulps.

    python3 make_vectors.py > vectors.json
"""
import json
import math

MASK = (1 << 64) - 1


def splitmix64(state):
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


def xoshiro256starstar(seed, count):
    sm = splitmix64(seed)
    s = [next(sm) for _ in range(4)]
    out = []
    for _ in range(count):
        out.append(rotl((s[1] * 5) & MASK, 7) * 9 & MASK)
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
    return out


xs_exp = [-745.0, -700.5, -20.25, -1.0, -0.5, -1e-9, 0.0, 1e-9, 0.3, 0.6931471805599453, 1.0, 2.5, 10.0, 88.7, 700.0]
xs_log = [5e-324, 1e-300, 1e-9, 0.001, 0.1, 0.5, 0.7071067811865476, 0.9999999, 1.0, 1.0000001, 1.5, 2.0, 10.0, 12345.678, 1e300]
print(json.dumps({
    "xoshiro256starstar": [
        {"seed": str(seed), "outputs": [str(v) for v in xoshiro256starstar(seed, 8)]}
        for seed in (0, 42, 0xFFFFFFFFFFFFFFFF)
    ],
    "exp": [{"x": x, "y": math.exp(x)} for x in xs_exp],
    "log": [{"x": x, "y": math.log(x)} for x in xs_log],
}, indent=1))
