"""The reference for Laoke's predicted value: maximum likelihood in numpy/scipy, the way the Python
`lifetimes` package (0.11) fits and predicts, written from the published formulas (not its code;
lifetimes itself cannot be installed here).

- BG/NBD (Fader, Hardie & Lee 2005, appendix): the negative mean log-likelihood over the
  log-parameters, one row per customer (no grouping), the A3/A4 terms combined with a logsumexp;
  time scaled by 10 / max T during the fit as lifetimes does, α unscaled afterwards.
- Gamma-Gamma (Fader & Hardie 2013): the negative mean log-likelihood over log (p, q, γ), on the
  customers with repeat purchases.
- scipy.optimize.minimize with BFGS, tol 1e-7, start at log-parameters 0.1, like lifetimes; but
  lifetimes takes the exact gradient from autograd, and without autograd this uses scipy's
  two-point finite differences (five objective evaluations per gradient of BG/NBD, four for
  Gamma-Gamma). Standard errors from a central-difference Hessian (delta method).
- Predictions: P(alive); E[Y(t) | x, tₓ, T] by FHL eq. 10 with scipy.special.hyp2f1(r+x, b+x;
  a+b+x−1; z), using the Euler-transformed ₂F₁ where that overflows; CLV as lifetimes' loop:
  twelve months of 30 days, each month's purchases as E(30i) − E(30(i−1)) (two evaluations a
  month), times the Gamma-Gamma expected spend, discounted by 1.01^i.

Usage: python3 bench/clv/reference.py --file summary.csv   (prints one JSON line)
"""

import argparse
import json
import platform
import resource
import time

import numpy as np
import scipy
from scipy.optimize import minimize
from scipy.special import gammaln, hyp2f1

HORIZONS = (30, 90, 365)
CLV_MONTHS = 12
MONTH_DAYS = 30
MONTHLY_DISCOUNT = 0.01


def bgnbd_negative_mean_ll(log_params, x, tx, T):
    r, alpha, a, b = np.exp(log_params)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    repeat = x > 0
    a4 = np.log(a) - np.log(b + np.where(repeat, x, 1) - 1) - (r + x) * np.log(alpha + tx)
    top = np.maximum(a3, np.where(repeat, a4, -np.inf))
    ll = a1 + a2 + top + np.log(np.exp(a3 - top) + repeat * np.exp(a4 - top))
    return -ll.mean()


def gamma_gamma_negative_mean_ll(log_params, x, m):
    p, q, gamma = np.exp(log_params)
    px = p * x
    ll = (
        gammaln(px + q)
        - gammaln(px)
        - gammaln(q)
        + q * np.log(gamma)
        + (px - 1) * np.log(m)
        + px * np.log(x)
        - (px + q) * np.log(gamma + x * m)
    )
    return -ll.mean()


def standard_errors(f, log_params, n, h=1e-4):
    """exp(θ)·sqrt(diag((n·H)⁻¹)), H the Hessian of the mean negative log-likelihood over θ."""
    k = len(log_params)
    hessian = np.empty((k, k))
    for i in range(k):
        for j in range(k):
            def at(di, dj):
                shifted = np.array(log_params, dtype=float)
                shifted[i] += di
                shifted[j] += dj
                return f(shifted)

            hessian[i, j] = (at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h)
    try:
        covariance = np.linalg.inv(hessian * n)
    except np.linalg.LinAlgError:
        return None
    return (np.exp(log_params) * np.sqrt(np.diag(covariance))).tolist()


def fit(f, size):
    result = minimize(f, 0.1 * np.ones(size), method='BFGS', tol=1e-7)
    return result


def expected_purchases(params, t, x, tx, T):
    """E[Y(t) | x, tₓ, T], FHL (2005) eq. 10."""
    r, alpha, a, b = params
    if t <= 0:
        return np.zeros_like(x)
    big_a, big_b, c = r + x, b + x, a + b + x - 1
    z = t / (alpha + T + t)
    with np.errstate(over='ignore', divide='ignore', invalid='ignore'):
        log_hyp = np.log(hyp2f1(big_a, big_b, c, z))
        euler = np.log(hyp2f1(c - big_a, c - big_b, c, z)) + (c - big_a - big_b) * np.log1p(-z)
    log_hyp = np.where(np.isfinite(log_hyp), log_hyp, euler)
    numerator = (c / (a - 1)) * (1 - np.exp(log_hyp + (r + x) * np.log((alpha + T) / (alpha + T + t))))
    return numerator / (1 + (x > 0) * (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x))


def probability_alive(params, x, tx, T):
    r, alpha, a, b = params
    return 1 / (1 + (x > 0) * (a / (b + np.maximum(x, 1) - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--file', required=True)
    args = parser.parse_args()

    started = time.perf_counter()
    data = np.loadtxt(args.file, delimiter=',', skiprows=1, dtype=np.float64)
    x, tx, T, m = data[:, 1].copy(), data[:, 2].copy(), data[:, 3].copy(), data[:, 4].copy()
    del data
    read_seconds = time.perf_counter() - started
    read_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    started = time.perf_counter()
    scale = 10 / T.max()
    scaled_tx, scaled_T = tx * scale, T * scale
    bg_f = lambda theta: bgnbd_negative_mean_ll(theta, x, scaled_tx, scaled_T)  # noqa: E731
    bg_result = fit(bg_f, 4)
    r, alpha, a, b = np.exp(bg_result.x)
    alpha /= scale
    bg_params = (r, alpha, a, b)
    bg_seconds = time.perf_counter() - started
    bg_errors = standard_errors(bg_f, bg_result.x, len(x))
    if bg_errors is not None:
        bg_errors[1] /= scale
    bg_error_seconds = time.perf_counter() - started - bg_seconds

    started = time.perf_counter()
    repeat = (x > 0) & (m > 0)
    gx, gm = x[repeat], m[repeat]
    gg_f = lambda theta: gamma_gamma_negative_mean_ll(theta, gx, gm)  # noqa: E731
    gg_result = fit(gg_f, 3)
    p, q, gamma = np.exp(gg_result.x)
    gg_seconds = time.perf_counter() - started
    gg_errors = standard_errors(gg_f, gg_result.x, len(gx))
    gg_error_seconds = time.perf_counter() - started - gg_seconds

    started = time.perf_counter()
    alive = probability_alive(bg_params, x, tx, T)
    expected = [expected_purchases(bg_params, h, x, tx, T) for h in HORIZONS]
    spend_x = np.where(repeat, x, 0)
    average_value = p * (gamma + spend_x * m) / (p * spend_x + q - 1)
    clv = np.zeros_like(x)
    for month in range(1, CLV_MONTHS + 1):
        t = month * MONTH_DAYS
        purchases = expected_purchases(bg_params, t, x, tx, T) - expected_purchases(
            bg_params, t - MONTH_DAYS, x, tx, T
        )
        clv += average_value * purchases / (1 + MONTHLY_DISCOUNT) ** month
    predict_seconds = time.perf_counter() - started

    def fit_summary(result, names, params, errors, n):
        return {
            'params': dict(zip(names, (float(v) for v in params))),
            'standardErrors': dict(zip(names, errors)) if errors is not None else None,
            'logLikelihood': float(-result.fun * n),
            'iterations': int(result.nit),
            'evaluations': int(result.nfev),
            'converged': bool(result.success),
            'message': str(result.message),
        }

    print(
        json.dumps(
            {
                'versions': f'Python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}',
                'seconds': bg_seconds + gg_seconds + predict_seconds,
                'peakRssMiB': round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                'readPeakRssMiB': round(read_rss),
                'customers': int(len(x)),
                'repeatBuyers': int(repeat.sum()),
                'phases': {
                    'read': read_seconds,
                    'bgNbd': bg_seconds,
                    'gammaGamma': gg_seconds,
                    'predict': predict_seconds,
                    'standardErrors': bg_error_seconds + gg_error_seconds,
                },
                'bgNbd': fit_summary(bg_result, ['r', 'alpha', 'a', 'b'], bg_params, bg_errors, len(x)),
                'gammaGamma': fit_summary(gg_result, ['p', 'q', 'gamma'], (p, q, gamma), gg_errors, len(gx)),
                'totals': {
                    'pAlive': float(alive.sum()),
                    'expected30': float(expected[0].sum()),
                    'expected90': float(expected[1].sum()),
                    'expected365': float(expected[2].sum()),
                    'averageValue': float(average_value.sum()),
                    'clv': float(clv.sum()),
                },
            }
        )
    )


if __name__ == '__main__':
    main()
