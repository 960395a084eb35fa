#!/usr/bin/env python3
"""Writes golden_vectors.json: reference values from SciPy and statsmodels for Stepwise.Stats.

Run with Debian's python3-scipy and python3-statsmodels:
    /usr/bin/python3 tests/Stepwise.Stats.Tests/Golden/generate_golden.py
Every vector records the function that produced its expected values ("producer").
The seed is fixed, so the output is reproducible for given library versions.
"""
import json
import math
import os
import sys

import numpy as np
import scipy
import scipy.integrate
import scipy.optimize
import scipy.special
import scipy.stats as st
import statsmodels
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import confint_proportions_2indep, test_proportions_2indep
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

SEED = 20240604
rng = np.random.default_rng(SEED)
ALPHA = 0.05


def f(x):
    return float(x)


def moments(x):
    x = np.asarray(x, dtype=float)
    m = x.mean()
    return {"n": int(x.size), "mean": f(m), "ssd": f(((x - m) ** 2).sum())}


def relative(c, t):
    """Delta-method relative effect with the same critical value as the absolute interval."""
    mc, mt = c.mean(), t.mean()
    vc, vt = c.var(ddof=1) / c.size, t.var(ddof=1) / t.size
    rel = mt / mc - 1
    se = math.sqrt(vt / mc**2 + mt**2 * vc / mc**4)
    return f(rel), f(se)


def distributions():
    out = []
    for x in [-38, -20, -8.5, -5, -1.96, -1, -0.3, 0, 0.1, 0.46875, 0.5, 1, 2.5, 4, 4.5, 6, 9, 12]:
        out.append({"producer": "scipy.stats.norm.cdf/sf/pdf", "kind": "normal", "x": x,
                    "cdf": f(st.norm.cdf(x)), "sf": f(st.norm.sf(x)), "pdf": f(st.norm.pdf(x))})
    for p in [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.02425, 0.025, 0.1, 0.3, 0.5, 0.7, 0.975, 0.99, 0.999999]:
        out.append({"producer": "scipy.stats.norm.ppf", "kind": "normal_ppf", "p": p, "ppf": f(st.norm.ppf(p))})
    for df in [1, 1.5, 2, 3.7, 10, 29.3, 100, 1234.5, 1e5, 3.3e6]:
        for t in [-40, -6, -2.5, -0.7, 0, 0.3, 1.2, 1.96, 3, 8]:
            out.append({"producer": "scipy.stats.t.cdf/sf/pdf", "kind": "t", "df": df, "x": t,
                        "cdf": f(st.t.cdf(t, df)), "sf": f(st.t.sf(t, df)), "pdf": f(st.t.pdf(t, df))})
        for p in [1e-12, 1e-6, 0.001, 0.025, 0.2, 0.5, 0.8, 0.975, 0.999]:
            out.append({"producer": "scipy.stats.t.ppf", "kind": "t_ppf", "df": df, "p": p, "ppf": f(st.t.ppf(p, df))})
    for k in [1, 2, 3, 5, 10, 99]:
        for x in [0.01, 0.5, 1, 3.84, 10, 40, 200]:
            out.append({"producer": "scipy.stats.chi2.cdf/sf", "kind": "chi2", "df": k, "x": x,
                        "cdf": f(st.chi2.cdf(x, k)), "sf": f(st.chi2.sf(x, k))})
    for a, b, x in [(0.5, 0.5, 0.3), (2, 3, 0.4), (10, 0.5, 0.99), (0.5, 5e5, 1e-6), (5e5, 0.5, 0.999999),
                    (30, 40, 0.45), (200, 300, 0.41), (1.5, 7.25, 0.05)]:
        out.append({"producer": "scipy.special.betainc", "kind": "betainc", "a": a, "b": b, "x": x,
                    "value": f(scipy.special.betainc(a, b, x))})
    for a, x in [(0.5, 0.01), (0.5, 2), (1, 1), (3, 0.5), (4.5, 10), (50, 40), (50, 70), (0.5, 300)]:
        out.append({"producer": "scipy.special.gammainc/gammaincc", "kind": "gammainc", "a": a, "x": x,
                    "p": f(scipy.special.gammainc(a, x)), "q": f(scipy.special.gammaincc(a, x))})
    for x in [1e-5, 0.5, 1, 1.5, 7.3, 10, 123.4, 1e6]:
        out.append({"producer": "scipy.special.gammaln", "kind": "gammaln", "x": x, "value": f(scipy.special.gammaln(x))})
    return out


def welch():
    out = []
    cases = [(8, 11, 1.0, 1.0, 0.0), (25, 30, 2.0, 5.0, 1.0), (200, 180, 10.0, 10.0, 0.5),
             (5000, 5012, 3.0, 3.2, 0.05), (40, 400, 1.0, 8.0, -0.7), (100000, 99000, 15, 15, 0.2),
             (3, 3, 1.0, 1.0, 2.0), (12, 9, 0.1, 50.0, 3.0)]
    for i, (nc, nt, sc, s_t, shift) in enumerate(cases):
        c = rng.lognormal(1.0, 0.5, nc) * sc + 10
        t = rng.lognormal(1.0, 0.5, nt) * s_t + 10 + shift
        res = st.ttest_ind(t, c, equal_var=False)
        cm = CompareMeans(DescrStatsW(t), DescrStatsW(c))
        _, _, df = cm.ttest_ind(usevar="unequal")
        low, high = cm.tconfint_diff(alpha=ALPHA, usevar="unequal")
        rel, rel_se = relative(c, t)
        crit = st.t.ppf(1 - ALPHA / 2, df)
        vec = {"id": f"welch-{i}", "producer": "scipy.stats.ttest_ind(treatment, control, equal_var=False); "
               "CI: statsmodels CompareMeans.tconfint_diff(usevar='unequal'); relative: numpy delta method",
               "control": moments(c), "treatment": moments(t), "alpha": ALPHA,
               "statistic": f(res.statistic), "pvalue": f(res.pvalue), "df": f(df), "ci_low": f(low), "ci_high": f(high),
               "relative": rel, "relative_se": rel_se, "relative_ci_low": f(rel - crit * rel_se), "relative_ci_high": f(rel + crit * rel_se)}
        if nc <= 30 and nt <= 30:
            vec["control_values"] = [f(v) for v in c]
            vec["treatment_values"] = [f(v) for v in t]
        out.append(vec)
    return out


def proportions():
    out = []
    for i, (nc, pc, nt, pt) in enumerate([(1000, 0.1, 1000, 0.12), (50000, 0.031, 49800, 0.0335), (80, 0.5, 75, 0.4),
                                          (123456, 0.61, 120000, 0.608), (20, 0.05, 25, 0.2)]):
        xc, xt = int(rng.binomial(nc, pc)), int(rng.binomial(nt, pt))
        stat, p = test_proportions_2indep(xt, nt, xc, nc, method="wald", compare="diff", correction=False, return_results=False)
        low, high = confint_proportions_2indep(xt, nt, xc, nc, method="wald", compare="diff", alpha=ALPHA)
        out.append({"id": f"prop-{i}", "producer": "statsmodels test_proportions_2indep(method='wald') and confint_proportions_2indep(method='wald')",
                    "control_units": nc, "control_successes": xc, "treatment_units": nt, "treatment_successes": xt,
                    "alpha": ALPHA, "statistic": f(stat), "pvalue": f(p), "ci_low": f(low), "ci_high": f(high)})
    return out


def comoments(y, x):
    my, mx = y.mean(), x.mean()
    return {"n": int(y.size), "mean_y": f(my), "mean_x": f(mx), "ssd_y": f(((y - my) ** 2).sum()),
            "ssd_x": f(((x - mx) ** 2).sum()), "scd": f(((y - my) * (x - mx)).sum())}


def ratio():
    out = []
    for i, (nc, nt, lift) in enumerate([(500, 520, 0.0), (4000, 3900, 0.05), (60, 70, 0.3)]):
        def group(n, l):
            sessions = rng.poisson(3, n) + 1
            revenue = sessions * rng.gamma(2.0, 1.5, n) * (1 + l)
            return revenue.astype(float), sessions.astype(float)
        yc, xc = group(nc, 0.0)
        yt, xt = group(nt, lift)

        def ratio_var(y, x):
            n, r = y.size, y.mean() / x.mean()
            v = (np.var(y, ddof=1) - 2 * r * np.cov(y, x, ddof=1)[0, 1] + r * r * np.var(x, ddof=1)) / (n * x.mean() ** 2)
            return r, v
        rc, vc = ratio_var(yc, xc)
        rt, vt = ratio_var(yt, xt)
        se = math.sqrt(vc + vt)
        z = (rt - rc) / se
        out.append({"id": f"ratio-{i}", "producer": "numpy delta method (Deng et al. 2018) with scipy.stats.norm.sf/ppf",
                    "control": comoments(yc, xc), "treatment": comoments(yt, xt), "alpha": ALPHA,
                    "control_ratio": f(rc), "treatment_ratio": f(rt), "se": f(se), "statistic": f(z),
                    "pvalue": f(2 * st.norm.sf(abs(z))), "ci_low": f(rt - rc - st.norm.ppf(1 - ALPHA / 2) * se),
                    "ci_high": f(rt - rc + st.norm.ppf(1 - ALPHA / 2) * se)})
    return out


def cuped():
    out = []
    for i, (nc, nt, rho, lift) in enumerate([(300, 310, 0.7, 0.0), (2000, 2050, 0.5, 0.1), (50, 45, 0.9, 0.4), (1000, 1000, 0.0, 0.2)]):
        def group(n, l):
            pre = rng.normal(10, 3, n)
            y = 10 + rho * (pre - 10) + math.sqrt(1 - rho**2) * rng.normal(0, 3, n) + l
            return y, pre
        yc, xc = group(nc, 0.0)
        yt, xt = group(nt, lift)
        ally, allx = np.concatenate([yc, yt]), np.concatenate([xc, xt])
        cov = np.cov(ally, allx, ddof=1)
        theta = cov[0, 1] / cov[1, 1]
        ac, at = yc - theta * (xc - allx.mean()), yt - theta * (xt - allx.mean())
        res = st.ttest_ind(at, ac, equal_var=False)
        raw = st.ttest_ind(yt, yc, equal_var=False)
        cm = CompareMeans(DescrStatsW(at), DescrStatsW(ac))
        low, high = cm.tconfint_diff(alpha=ALPHA, usevar="unequal")
        se_adj = (at.mean() - ac.mean()) / res.statistic
        se_raw = (yt.mean() - yc.mean()) / raw.statistic
        out.append({"id": f"cuped-{i}", "producer": "theta = numpy.cov pooled over both groups; scipy.stats.ttest_ind(adjusted, equal_var=False); "
                    "CI: statsmodels CompareMeans.tconfint_diff(usevar='unequal')",
                    "control": comoments(yc, xc), "treatment": comoments(yt, xt), "alpha": ALPHA, "theta": f(theta),
                    "adjusted_effect": f(at.mean() - ac.mean()), "statistic": f(res.statistic), "pvalue": f(res.pvalue),
                    "ci_low": f(low), "ci_high": f(high), "raw_pvalue": f(raw.pvalue),
                    "variance_reduction": f(1 - se_adj**2 / se_raw**2)})
    return out


def srm():
    out = []
    for i, (obs, w) in enumerate([([5012, 4988], [0.5, 0.5]), ([51000, 49000], [0.5, 0.5]), ([50500, 49500], [0.5, 0.5]),
                                  ([1010, 2020, 2950], [1, 2, 3]), ([900, 100], [0.9, 0.1]), ([120, 80, 100, 100], [1, 1, 1, 1]),
                                  ([100000, 98000], [0.5, 0.5])]):
        total = sum(obs)
        exp = [total * x / sum(w) for x in w]
        res = st.chisquare(obs, exp)
        out.append({"id": f"srm-{i}", "producer": "scipy.stats.chisquare(observed, expected)", "observed": obs, "weights": w,
                    "statistic": f(res.statistic), "pvalue": f(res.pvalue)})
    return out


def multitest():
    out = []
    sets = [list(rng.uniform(0, 0.1, 8)), [0.01, 0.04, 0.03, 0.005, 0.2, 0.04], [0.5], list(rng.uniform(0, 1, 15)),
            [0.001, 0.001, 0.02, 0.02, 0.9], list(rng.beta(0.3, 4, 30))]
    for i, p in enumerate(sets):
        for method, name in [("bonferroni", "Bonferroni"), ("holm", "Holm"), ("fdr_bh", "BenjaminiHochberg")]:
            reject, corrected, _, _ = multipletests(p, alpha=ALPHA, method=method)
            out.append({"id": f"mt-{i}-{method}", "producer": f"statsmodels.stats.multitest.multipletests(method='{method}')",
                        "method": name, "pvalues": [f(x) for x in p], "adjusted": [f(x) for x in corrected],
                        "reject": [bool(x) for x in reject]})
    return out


def noninferiority():
    out = []
    for i, (nc, nt, shift, margin, direction) in enumerate([(400, 410, -0.1, 0.5, "Increase"), (400, 380, -0.6, 0.5, "Increase"),
                                                           (1000, 990, 0.2, 0.3, "Decrease"), (60, 55, 0.0, 1.0, "Decrease")]):
        c = rng.normal(20, 3, nc)
        t = rng.normal(20 + shift, 3, nt)
        if direction == "Increase":
            res = st.ttest_ind(t + margin, c, equal_var=False, alternative="greater")
            producer = "scipy.stats.ttest_ind(treatment + margin, control, equal_var=False, alternative='greater')"
        else:
            res = st.ttest_ind(t - margin, c, equal_var=False, alternative="less")
            producer = "scipy.stats.ttest_ind(treatment - margin, control, equal_var=False, alternative='less')"
        out.append({"id": f"ni-{i}", "producer": producer, "control": moments(c), "treatment": moments(t),
                    "margin": margin, "direction": direction, "alpha": ALPHA, "pvalue": f(res.pvalue)})
    return out


def power():
    out = []
    pw = NormalIndPower()
    for i, (es, n1, ratio, alt) in enumerate([(0.1, 1000, 1, "two-sided"), (0.05, 5000, 2, "two-sided"), (0.02, 20000, 0.5, "larger"),
                                             (0.3, 50, 1, "two-sided"), (0.01, 100000, 1, "larger")]):
        power_val = pw.power(es, n1, ALPHA, ratio=ratio, alternative=alt)
        n_needed = pw.solve_power(effect_size=es, nobs1=None, alpha=ALPHA, power=0.8, ratio=ratio, alternative=alt)
        mde = pw.solve_power(effect_size=None, nobs1=n1, alpha=ALPHA, power=0.8, ratio=ratio, alternative=alt)
        out.append({"id": f"power-{i}", "producer": "statsmodels.stats.power.NormalIndPower().power / solve_power",
                    "effect_size": es, "nobs1": n1, "ratio": ratio, "alternative": alt, "alpha": ALPHA,
                    "power": f(power_val), "nobs1_for_80": f(n_needed), "mde_for_80": f(mde)})
    # Rollout stage durations: one-sided detection of a regression delta with sd sigma.
    for i, (f_share, c_share, daily, sigma, delta) in enumerate([(0.01, 0.01, 200000, 1.0, 0.02), (0.05, 0.01, 200000, 1.0, 0.02),
                                                                 (0.5, 0.01, 50000, 4.0, 0.1), (0.25, 0.01, 1e6, 0.3, 0.004)]):
        n_t = pw.solve_power(effect_size=delta / sigma, nobs1=None, alpha=ALPHA, power=0.8, ratio=c_share / f_share, alternative="larger")
        days = math.ceil(n_t / (f_share * daily) - 1e-9)
        out.append({"id": f"rollout-{i}", "producer": "statsmodels NormalIndPower().solve_power(alternative='larger'), days = ceil(nobs1 / (share * daily))",
                    "treatment_share": f_share, "control_share": c_share, "daily_units": daily, "sd": sigma, "regression": delta,
                    "alpha": ALPHA, "days": days, "treatment_units_exact": f(n_t)})
    return out


def spending(kind, alpha, t):
    if kind == "OBrienFleming":
        return 2 * st.norm.sf(st.norm.isf(alpha / 2) / math.sqrt(t)) if t < 1 else alpha
    if kind == "Pocock":
        return alpha * math.log(1 + (math.e - 1) * t) if t < 1 else alpha
    return alpha * t ** float(kind.split(":")[1])


def group_sequential():
    """Boundaries by root finding on the multivariate normal probability of no crossing (Genz's algorithm)."""
    out = []
    designs = [("OBrienFleming", [0.2, 0.4, 0.6, 0.8, 1.0], True), ("Pocock", [0.2, 0.4, 0.6, 0.8, 1.0], True),
               ("power:1", [0.25, 0.5, 0.75, 1.0], True), ("power:3", [0.3, 0.65, 1.0], True),
               ("OBrienFleming", [0.33, 0.5, 1.0], False), ("power:2", [0.1, 0.4, 0.7, 1.0], True)]
    for i, (kind, ts, two_sided) in enumerate(designs):
        bounds = []
        for k in range(len(ts)):
            tk = ts[: k + 1]
            cov = np.array([[math.sqrt(min(a, b) / max(a, b)) for b in tk] for a in tk])
            # Two-sided designs spend alpha/2 per side (gsDesign, ldbounds and rpact convention).
            target = 1 - (2 * spending(kind, ALPHA / 2, ts[k]) if two_sided else spending(kind, ALPHA, ts[k]))

            def no_cross(c):
                upper = np.array(bounds + [c])
                lower = -upper if two_sided else np.full(len(upper), -np.inf)
                if k == 0:
                    return (st.norm.cdf(c) - st.norm.cdf(-c)) if two_sided else st.norm.cdf(c)
                np.random.seed(SEED)
                return st.multivariate_normal.cdf(upper, mean=np.zeros(len(upper)), cov=cov, lower_limit=lower,
                                                  maxpts=500_000 * len(upper), abseps=1e-8, releps=1e-8)
            bounds.append(float(scipy.optimize.brentq(lambda c: no_cross(c) - target, 0.5, 12, xtol=1e-9)))
        out.append({"id": f"gs-{i}", "producer": "scipy.optimize.brentq on scipy.stats.multivariate_normal.cdf (Genz) of no crossing",
                    "spending": kind, "fractions": ts, "two_sided": two_sided, "alpha": ALPHA, "boundaries": bounds})
    return out


def bayesian():
    out = []
    for i, (mean, se) in enumerate([(0.3, 0.2), (-0.1, 0.05), (0.0, 1.0), (2.0, 0.5)]):
        loss = scipy.integrate.quad(lambda x: max(0.0, -x) * st.norm.pdf(x, mean, se), mean - 12 * se, mean + 12 * se,
                                    points=[0.0] if abs(mean) < 12 * se else None, epsabs=1e-13, epsrel=1e-12, limit=200)[0]
        out.append({"id": f"bayes-{i}", "producer": "scipy.stats.norm.cdf; expected loss by scipy.integrate.quad",
                    "effect": mean, "se": se, "chance_to_beat": f(st.norm.cdf(mean / se)), "expected_loss": f(loss)})
    return out


def main():
    data = {
        "generator": "tests/Stepwise.Stats.Tests/Golden/generate_golden.py",
        "python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
        "statsmodels": statsmodels.__version__, "seed": SEED,
        "distributions": distributions(), "welch": welch(), "proportions": proportions(), "ratio": ratio(),
        "cuped": cuped(), "srm": srm(), "multitest": multitest(), "noninferiority": noninferiority(),
        "power": power(), "group_sequential": group_sequential(), "bayesian": bayesian(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden_vectors.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1)
        fh.write("\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
