#!/usr/bin/env python3
"""Reference results for `stepwise analyze`, computed independently with SciPy and statsmodels.

Usage: /usr/bin/python3 analyze_reference.py FILE.csv CONTROL ALPHA [NAME=WEIGHT,...]
Prints JSON with the same field names as `stepwise analyze --format json`. The CLI tests run it on
freshly generated data and compare every number (see AnalyzeScipyAgreementTests.cs).

Conventions, as documented in docs/stats.md:
- a metric whose values are all 0 or 1 is a proportion: statsmodels test_proportions_2indep /
  confint_proportions_2indep with method='wald' (unpooled);
- any other metric: scipy.stats.ttest_ind(equal_var=False) with the Welch-Satterthwaite interval;
- a metric with a `<metric>_pre` column: CUPED, theta = cov(y, x) / var(x) over the units of the
  control and the variant together, y' = y - theta * (x - mean(x)), then Welch on y';
- SRM: scipy.stats.chisquare against the planned weights (equal by default).
"""
import csv
import json
import math
import sys

import numpy as np
import scipy.stats as st
from statsmodels.stats.proportion import confint_proportions_2indep, test_proportions_2indep


def welch(t, c, alpha):
    res = st.ttest_ind(t, c, equal_var=False)
    vt, vc = t.var(ddof=1) / t.size, c.var(ddof=1) / c.size
    se = math.sqrt(vt + vc)
    df = (vt + vc) ** 2 / (vt**2 / (t.size - 1) + vc**2 / (c.size - 1))
    effect = t.mean() - c.mean()
    crit = st.t.ppf(1 - alpha / 2, df)
    return {"absolute_effect": effect, "relative_effect": t.mean() / c.mean() - 1,
            "ci_low": effect - crit * se, "ci_high": effect + crit * se,
            "p_value": float(res.pvalue), "standard_error": se, "degrees_of_freedom": df}


def proportions(t, c, alpha):
    xt, xc = int(t.sum()), int(c.sum())
    _, p = test_proportions_2indep(xt, t.size, xc, c.size, method="wald", compare="diff",
                                   correction=False, return_results=False)
    low, high = confint_proportions_2indep(xt, t.size, xc, c.size, method="wald", compare="diff", alpha=alpha)
    pt, pc = xt / t.size, xc / c.size
    return {"absolute_effect": pt - pc, "relative_effect": pt / pc - 1, "ci_low": low, "ci_high": high,
            "p_value": float(p)}


def cuped(t, c, t_pre, c_pre, alpha):
    y, x = np.concatenate([c, t]), np.concatenate([c_pre, t_pre])
    cov = np.cov(y, x, ddof=1)
    theta = cov[0, 1] / cov[1, 1]
    adjusted = welch(t - theta * (t_pre - x.mean()), c - theta * (c_pre - x.mean()), alpha)
    raw = welch(t, c, alpha)
    adjusted["cuped_theta"] = theta
    adjusted["variance_reduction"] = 1 - adjusted["standard_error"] ** 2 / raw["standard_error"] ** 2
    return adjusted


def main():
    path, control, alpha = sys.argv[1], sys.argv[2], float(sys.argv[3])
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header, rows = rows[0], [r for r in rows[1:] if r]
    variant_col = header.index("variant")
    variants = list(dict.fromkeys(r[variant_col] for r in rows))
    by_variant = {v: [r for r in rows if r[variant_col] == v] for v in variants}

    def column(name, variant):
        return np.array([float(r[header.index(name)]) for r in by_variant[variant]])

    weights = {v: 1.0 for v in variants}
    if len(sys.argv) > 4:
        weights = {k: float(w) for k, w in (p.split("=") for p in sys.argv[4].split(","))}
    observed = [len(by_variant[v]) for v in variants]
    total_weight = sum(weights[v] for v in variants)
    srm = st.chisquare(observed, [sum(observed) * weights[v] / total_weight for v in variants])

    metrics = [h for h in header if h not in ("unit_id", "variant") and not h.endswith("_pre")]
    results = []
    for metric in metrics:
        everything = np.array([float(r[header.index(metric)]) for r in rows])
        binary = bool(np.isin(everything, [0.0, 1.0]).all())
        has_pre = metric + "_pre" in header
        c = column(metric, control)
        for variant in variants:
            if variant == control:
                continue
            t = column(metric, variant)
            if has_pre:
                r = cuped(t, c, column(metric + "_pre", variant), column(metric + "_pre", control), alpha)
            elif binary:
                r = proportions(t, c, alpha)
            else:
                r = welch(t, c, alpha)
            r.update({"metric": metric, "variant": variant, "n_control": int(c.size), "n_variant": int(t.size),
                      "control_mean": c.mean(), "variant_mean": t.mean(), "cuped": has_pre,
                      "kind": "proportion" if binary else "mean"})
            results.append({k: (float(v) if isinstance(v, (float, np.floating)) else v) for k, v in r.items()})

    print(json.dumps({"control": control,
                      "srm": {"p_value": float(srm.pvalue), "chi_square": float(srm.statistic),
                              "observed": dict(zip(variants, observed))},
                      "results": results}))


if __name__ == "__main__":
    main()
