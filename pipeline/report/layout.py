"""Positions for the actor network: deterministic, one layout per connected component."""

from __future__ import annotations

import math
from collections import defaultdict


def network_layout(
    nodes: list[str], edges: list[tuple[str, str, float]], iterations: int = 300, seed: int = 7, aspect: float = 1.6
) -> dict[str, tuple[float, float]]:
    """Deterministic node positions, x in [0, 1]: a layout per connected component, components packed in rows.

    Laying out components separately keeps a pair that never meets the rest from being flung
    to a corner and squashing everything else into the opposite one.
    """
    parent = {n: n for n in nodes}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b, _ in edges:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for n in sorted(nodes):
        groups[find(n)].append(n)
    components = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
    # Shelf packing: each component gets a square box with side ~ sqrt(its size); of the row
    # widths that can occur, take the one whose bounding box is closest to the chart's aspect.
    sides = [math.sqrt(len(c)) for c in components]
    best: tuple[float, list[tuple[float, float]]] | None = None
    for width in sorted({sum(sides[:k]) for k in range(1, len(sides) + 1)}):
        if width < max(sides, default=0.0):
            continue
        origins, used = _shelf(sides, width)
        height = max((oy + side for (_ox, oy), side in zip(origins, sides, strict=True)), default=1.0)
        score = abs(math.log((used / height) / aspect))
        if best is None or score < best[0]:
            best = (score, origins)
    placed: dict[str, tuple[float, float]] = {}
    for comp, side, (x0, y0) in zip(components, sides, best[1] if best else [], strict=False):
        local = _force_layout(comp, [e for e in edges if e[0] in set(comp)], iterations, seed)
        pad = 0.18 * side
        for name, (x, y) in local.items():
            placed[name] = (x0 + pad + x * (side - 2 * pad), y0 + pad + y * (side - 2 * pad))
    if not placed:
        return {}
    xs = [p[0] for p in placed.values()]
    ys = [p[1] for p in placed.values()]
    scale = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    return {n: ((x - min(xs)) / scale, (max(ys) - y) / scale) for n, (x, y) in placed.items()}


def _shelf(sides: list[float], width: float) -> tuple[list[tuple[float, float]], float]:
    """Origins of square boxes laid left to right in rows of at most `width`; also the width used."""
    origins = []
    x0 = y0 = row_h = used = 0.0
    for side in sides:
        if x0 > 0 and x0 + side > width + 1e-9:
            x0, y0, row_h = 0.0, y0 + row_h, 0.0
        origins.append((x0, y0))
        x0 += side
        used = max(used, x0)
        row_h = max(row_h, side)
    return origins, used


def _force_layout(nodes: list[str], edges: list[tuple[str, str, float]], iterations: int, seed: int) -> dict[str, tuple[float, float]]:
    """Stress majorization (SMACOF) on hop distances for one connected component, scaled to [0, 1]².

    Unlike a spring embedder it keeps edges about equally long, so a dense core of hubs is
    not crushed while leaves spread out; deterministic for a given input.
    """
    import numpy as np

    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.5, 0.5)}
    if n == 2:
        return {nodes[0]: (0.0, 0.5), nodes[1]: (1.0, 0.5)}
    index = {name: i for i, name in enumerate(nodes)}
    adj: dict[int, set[int]] = defaultdict(set)
    for a, b, _ in edges:
        adj[index[a]].add(index[b])
        adj[index[b]].add(index[a])
    hops = np.full((n, n), float(n))
    for src in range(n):  # BFS from every node (n is small)
        hops[src, src] = 0.0
        frontier, seen, d = [src], {src}, 0
        while frontier:
            d += 1
            nxt = []
            for u in frontier:
                for v in adj[u]:
                    if v not in seen:
                        seen.add(v)
                        hops[src, v] = d
                        nxt.append(v)
            frontier = nxt
    weights = np.where(hops > 0, 1.0 / np.maximum(hops, 1e-9) ** 2, 0.0)
    v_mat = -weights
    np.fill_diagonal(v_mat, weights.sum(axis=1))
    v_inv = np.linalg.pinv(v_mat)
    rng = np.random.default_rng(seed)
    angles = np.linspace(0, 2 * math.pi, n, endpoint=False)
    pos = np.column_stack([np.cos(angles), np.sin(angles)]) * n / 4 + rng.normal(0, 0.05, (n, 2))
    for _ in range(iterations):
        dist = np.linalg.norm(pos[:, None, :] - pos[None, :, :], axis=2)
        with np.errstate(divide="ignore", invalid="ignore"):
            b_mat = np.where(dist > 1e-9, -weights * hops / dist, 0.0)
        np.fill_diagonal(b_mat, 0.0)
        np.fill_diagonal(b_mat, -b_mat.sum(axis=1))
        new = v_inv @ (b_mat @ pos)
        if np.abs(new - pos).max() < 1e-5:
            pos = new
            break
        pos = new
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    scale = float(max(hi[0] - lo[0], hi[1] - lo[1], 1e-9))
    centre = (1.0 - (hi - lo) / scale) / 2
    scaled = (pos - lo) / scale + centre
    return {name: (float(scaled[i, 0]), float(scaled[i, 1])) for name, i in index.items()}

