#!/usr/bin/python3
"""Batched NumPy baseline for `phytk bench fa-plkg` (FA-PLKG, spec fa-plkg §2.2, §2.4, §3.4-A).

Only a baseline to compare the C# toolkit against; PhyToolkit never depends on Python.
Usage: fa_plkg_bench.py INPUT.json OUTPUT.json   (INPUT is written by the C# benchmark)

KGR (Schur form, the same formula as BatchedKgrEvaluator, stacked over S particles with numpy.linalg):
  C = R + sA I = Lc Lc^H, W = Lc^-1 R, V = W P, Z = Lc^-1 P, Xq = (sA/sB) Z^H V, I + Xq = Lq Lq^H,
  U = Lq^-1 V^H, Y = U U^H / sB, KGR = ln det(I + Y) / ln 2.
(numpy has no batched triangular solve, so numpy.linalg.solve (LU) is used for the three solves.)
AO trial: gbest PSO over the 2M coordinates (w 0.9->0.4, c1 = c2 = 1.49445, |v| <= 0.2 A, zero initial velocity,
clamp to the box and zero the velocity component, penalty eta per pair closer than D, particle 0 = UPA), fitness by
the water-filling oracle (batched eigvalsh + vectorised bisection) or by J warm-started PGD iterations.
"""
import json
import math
import sys
import time
import io
import contextlib

import numpy as np

KAPPA = 2 * math.pi
LN2 = math.log(2)


def covariances(u, v, p, pos, m):
    x = pos[:, 0::2]
    y = pos[:, 1::2]
    a = np.exp(1j * KAPPA * (u[None, :, None] * x[:, None, :] + v[None, :, None] * y[:, None, :]))  # S x L x M
    r = np.einsum('slm,l,sln->smn', a, p, a.conj())
    idx = np.arange(m)
    r[:, idx, idx] = p.sum()
    return r


def herm(x):
    return x.conj().transpose(0, 2, 1)


def kgr_schur(r, pre, sa, sb):
    s, m, _ = r.shape
    k = pre.shape[2]
    eye_m = np.eye(m)
    eye_k = np.eye(k)
    lc = np.linalg.cholesky(r + sa * eye_m)
    w = np.linalg.solve(lc, r)
    v = w @ pre
    z = np.linalg.solve(lc, pre)
    xq = (sa / sb) * (herm(z) @ v)
    xq = 0.5 * (xq + herm(xq))
    lq = np.linalg.cholesky(eye_k + xq)
    u = np.linalg.solve(lq, herm(v))
    y = (u @ herm(u)) / sb
    ly = np.linalg.cholesky(eye_k + y)
    return 2 * np.log(np.real(np.diagonal(ly, axis1=1, axis2=2))).sum(axis=1) / LN2


def oracle_kgr(r, k, sa, sb, energy):
    lam = np.linalg.eigvalsh(r)[:, ::-1][:, :min(k, r.shape[1])]  # descending, K strongest
    lam_max = np.maximum(lam[:, :1], 0)
    lam = np.where(lam > 1e-14 * lam_max, lam, 0.0)
    a = lam / sb
    b = lam * sa / ((lam + sa) * sb)
    g = lam * lam / ((lam + sa) * sb)
    gmax = g.max(axis=1, keepdims=True)
    ok = gmax[:, 0] > 0
    gmax = np.where(gmax > 0, gmax, 1.0)

    def powers(mu):
        with np.errstate(divide='ignore', invalid='ignore'):
            pw = 2 * (g / mu - 1) / ((a + b) + np.sqrt(g * g + 4 * a * b * g / mu))
        return np.where((g > mu) & (lam > 0), pw, 0.0)

    lo = np.log(gmax * 1e-30)
    hi = np.log(gmax)
    for _ in range(100):  # geometric bisection on the water level
        mid = 0.5 * (lo + hi)
        over = powers(np.exp(mid)).sum(axis=1, keepdims=True) > energy
        lo = np.where(over, mid, lo)
        hi = np.where(over, hi, mid)
    pw = powers(np.exp(hi))
    tot = pw.sum(axis=1, keepdims=True)
    pw = pw * np.where(tot > 0, energy / np.where(tot > 0, tot, 1), 0)
    val = np.log1p(g * pw / (1 + b * pw)).sum(axis=1) / LN2
    return np.where(ok, val, 0.0)


def kgr_and_grad(r, q, pre, sb):
    k = pre.shape[2]
    eye_k = np.eye(k)
    ar = eye_k + herm(pre) @ r @ pre / sb
    aq = eye_k + herm(pre) @ q @ pre / sb
    ar = 0.5 * (ar + herm(ar))
    aq = 0.5 * (aq + herm(aq))
    val = (np.linalg.slogdet(ar)[1] - np.linalg.slogdet(aq)[1]) / LN2
    grad = (r @ pre @ np.linalg.inv(ar) - q @ pre @ np.linalg.inv(aq)) / (sb * LN2)
    return val, grad


def kgr_value(r, q, pre, sb):
    k = pre.shape[2]
    eye_k = np.eye(k)
    ar = eye_k + herm(pre) @ r @ pre / sb
    aq = eye_k + herm(pre) @ q @ pre / sb
    return (np.linalg.slogdet(0.5 * (ar + herm(ar)))[1] - np.linalg.slogdet(0.5 * (aq + herm(aq)))[1]) / LN2


def pgd_inner(r, warm, sa, sb, energy, iters):
    s, m, _ = r.shape
    eye = np.eye(m)
    q = sa * np.linalg.solve(r + sa * eye, r)
    q = 0.5 * (q + herm(q))
    pre = np.repeat(warm[None], s, axis=0)
    nrm = np.sqrt((np.abs(pre) ** 2).sum(axis=(1, 2)))
    pre = pre * np.minimum(1, math.sqrt(energy) / np.where(nrm > 0, nrm, 1))[:, None, None]
    f, _ = kgr_and_grad(r, q, pre, sb)
    active = np.ones(s, bool)
    for _ in range(iters):
        if not active.any():
            break
        _, g = kgr_and_grad(r, q, pre, sb)
        gn = np.sqrt((np.abs(g) ** 2).sum(axis=(1, 2)))
        xn = np.sqrt((np.abs(pre) ** 2).sum(axis=(1, 2)))
        mu = 0.5 * np.where(xn > 0, xn, 1) / np.where(gn > 0, gn, 1)
        mu0 = mu.copy()
        pending = active & (gn > 0)
        new_pre = pre.copy()
        new_f = f.copy()
        for _ in range(40):  # halving backtracking until the KGR does not decrease
            if not pending.any():
                break
            trial = pre + mu[:, None, None] * g
            tn = np.sqrt((np.abs(trial) ** 2).sum(axis=(1, 2)))
            trial = trial * np.minimum(1, math.sqrt(energy) / np.where(tn > 0, tn, 1))[:, None, None]
            ft = kgr_value(r, q, trial, sb)
            accept = pending & (ft >= f)
            new_pre[accept] = trial[accept]
            new_f[accept] = ft[accept]
            pending = pending & ~accept
            mu = np.where(pending, mu * 0.5, mu)
            pending = pending & (mu >= 1e-10 * mu0)
        improved = new_f - f > 1e-5 * np.abs(f)
        active = active & improved
        pre, f = new_pre, new_f
    return f, pre


def ao_trial(cfg, seed, method):
    rng = np.random.default_rng(seed)
    m, k = cfg['M'], cfg['K']
    u, v, p = (np.array(cfg[n]) for n in ('u', 'v', 'p'))
    sa, sb, energy = cfg['sA'], cfg['sB'], cfg['E']
    side, dmin, eta = cfg['side'], cfg['D'], cfg['eta']
    s, t_max, jj = cfg['S'], cfg['T'], cfg['J']
    d = 2 * m
    vmax = 0.2 * side
    iu = np.triu_indices(m, 1)

    def penalty(pos):
        x = pos[:, 0::2]
        y = pos[:, 1::2]
        dist2 = (x[:, :, None] - x[:, None, :]) ** 2 + (y[:, :, None] - y[:, None, :]) ** 2
        return eta * (dist2[:, iu[0], iu[1]] < (dmin - 1e-9) ** 2).sum(axis=1)

    warm = np.zeros((m, k), complex)
    warm[np.arange(min(m, k)), np.arange(min(m, k))] = math.sqrt(energy / min(m, k))

    def fitness(pos, warm):
        r = covariances(u, v, p, pos, m)
        if method == 'oracle':
            return oracle_kgr(r, k, sa, sb, energy) - penalty(pos), None
        f, pre = pgd_inner(r, warm, sa, sb, energy, jj)
        return f - penalty(pos), pre

    z = rng.uniform(0, side, (s, d))
    z[0] = np.array(cfg['upa'])
    vel = np.zeros((s, d))
    f, pre = fitness(z, warm)
    pbest, pval = z.copy(), f.copy()
    gi = int(np.argmax(pval))
    gbest, gval = pbest[gi].copy(), pval[gi]
    if pre is not None:
        warm = pre[gi]
    for it in range(1, t_max + 1):
        w = cfg['w0'] - (cfg['w0'] - cfg['w1']) * (it - 1) / max(t_max - 1, 1)
        r1 = rng.random((s, d))
        r2 = rng.random((s, d))
        vel = w * vel + cfg['c1'] * r1 * (pbest - z) + cfg['c2'] * r2 * (gbest[None] - z)
        vel = np.clip(vel, -vmax, vmax)
        z = z + vel
        hit = (z < 0) | (z > side)
        z = np.clip(z, 0, side)
        vel[hit] = 0
        f, pre = fitness(z, warm)
        better = f > pval
        pbest[better] = z[better]
        pval[better] = f[better]
        gi = int(np.argmax(pval))
        if pval[gi] > gval:
            gval, gbest = pval[gi], pbest[gi].copy()
            if pre is not None and better[gi]:
                warm = pre[gi]
    return gval


def timed(fn, min_seconds, rounds):
    """Median over rounds of calls per wall second and per process-CPU second (all threads)."""
    fn()  # warm-up
    rates, cpu_rates = [], []
    for _ in range(rounds):
        n = 0
        t0 = time.perf_counter()
        c0 = time.process_time()
        while True:
            fn()
            n += 1
            dt = time.perf_counter() - t0
            if dt >= min_seconds / rounds:
                break
        dc = max(time.process_time() - c0, 1e-9)
        rates.append(n / dt)
        cpu_rates.append(n / dc)
    return float(np.median(rates)), float(np.median(cpu_rates))


def blas_info():
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            np.show_config()
        except Exception as e:  # pragma: no cover
            print('show_config failed:', e)
    text = buf.getvalue()
    libs = sorted({tok.strip("'[],") for line in text.splitlines() if 'libraries' in line for tok in line.split('=')[-1].split()})
    try:
        import threadpoolctl  # noqa: F401
        info = threadpoolctl.threadpool_info()
        return '; '.join(f"{i.get('internal_api')} {i.get('version')} ({i.get('threading_layer')}, {i.get('num_threads')} threads)" for i in info)
    except ImportError:
        return 'numpy.show_config libraries: ' + ','.join(l for l in libs if l)


def main():
    cfg = json.load(open(sys.argv[1]))
    out = {'numpy': np.__version__, 'python': sys.version.split()[0], 'blas': blas_info(), 'kgr': [], 'ao': []}
    for c in cfg.get('kgr', []):
        m, k, s = c['M'], c['K'], c['S']
        u, v, p = (np.array(c[n]) for n in ('u', 'v', 'p'))
        pos = np.array(c['positions']).reshape(s, 2 * m)
        pre = (np.array(c['precodersRe']) + 1j * np.array(c['precodersIm'])).reshape(s, m, k)
        sa, sb = c['sA'], c['sB']

        def run():
            return kgr_schur(covariances(u, v, p, pos, m), pre, sa, sb)
        vals = run()
        batches, cpu_batches = timed(run, c['seconds'], c['rounds'])
        out['kgr'].append({'M': m, 'evalsPerSecond': batches * s, 'evalsPerCpuSecond': cpu_batches * s, 'values': vals.tolist()})
    ao = cfg.get('ao')
    if ao:
        for method in ao['methods']:
            times, cpu = [], []
            vals = []
            for trial in range(ao['trials'] if method == 'oracle' else ao['pgdTrials']):
                t0 = time.perf_counter()
                c0 = time.process_time()
                vals.append(float(ao_trial(ao, 1000 + trial, method)))
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            out['ao'].append({'method': method, 'medianSeconds': float(np.median(times)), 'medianCpuSeconds': float(np.median(cpu)),
                              'trials': len(times), 'meanBest': float(np.mean(vals))})
    json.dump(out, open(sys.argv[2], 'w'))


if __name__ == '__main__':
    main()
