#!/usr/bin/env python3
"""Checks the margins designed into a generated StreamFlow series, using the pipeline's rules
with the reference implementations (scipy, scikit-learn), until the real pipeline can replay it.

    python3 Tests/SynthTests/check_scenario.py Tests/Fixtures/streamflow [--splits 20]

Per month it prints drift_share against the reference with the drifted features, the positive
rate, and where a model is trained the validation AUC of production vs candidate. AUCs are
given over many stratified 25 % validation splits (min / mean / max), because the pipeline
draws its own split: a designed gap must hold for every split, not for one lucky one.
Rules: numeric (integer, float) drifted when ks_2samp p < 0.05; boolean and categorical when
PSI >= 0.2; retrain when drift_share >= 0.2; promote when candidate AUC >= production + 0.01.
"""
import argparse
import hashlib
import json
import os
import sys

import numpy as np
import pandas as pd
from scipy.stats import ks_2samp
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

TABLES = ["users", "subscriptions", "usage_agg_30d", "payments_agg_90d", "support_agg_90d", "labels"]
KEY, LABEL = "user_id", "churn_label"
NUMERIC = ["months_active", "monthly_fee", "total_paid", "watch_hours_30d", "avg_session_mins_7d",
           "unique_devices_30d", "skips_7d", "rebuffer_events_7d", "failed_payments_90d",
           "support_tickets_90d", "ticket_avg_resolution_hrs_90d"]
BOOLEAN = ["user_is_senior", "has_family", "has_dependents", "plan_stream_tv", "plan_stream_movies",
           "paperless_billing"]
CATEGORICAL = ["user_gender", "contract_type", "net_service"]
FEATURES = NUMERIC + BOOLEAN + CATEGORICAL  # signup_date is ignored (see contract.yml)
DRIFT_THRESHOLD, DELTA, FLOOR = 0.2, 0.01, 0.70


def load(path):
    frames = [pd.read_csv(os.path.join(path, t + ".csv"), dtype=str, keep_default_na=False) for t in TABLES]
    joined = frames[0]
    for f in frames[1:]:
        joined = joined.merge(f, on=KEY, how="left")
    joined = joined.replace("", np.nan)
    for c in NUMERIC:
        if c in joined:
            joined[c] = joined[c].astype(float)
    for c in BOOLEAN + [LABEL]:
        joined[c] = joined[c].map({"True": 1.0, "False": 0.0})
    return joined


def psi(ref, cur):
    ref, cur = ref.dropna().astype(str), cur.dropna().astype(str)
    cats = sorted(set(ref) | set(cur))
    r = ref.value_counts(normalize=True).reindex(cats, fill_value=0).to_numpy().clip(min=0.0001)
    c = cur.value_counts(normalize=True).reindex(cats, fill_value=0).to_numpy().clip(min=0.0001)
    return float(np.sum((c - r) * np.log(c / r)))


def drift(ref, cur):
    drifted, detail = [], {}
    for f in FEATURES:
        if f in NUMERIC:
            p = ks_2samp(ref[f].dropna(), cur[f].dropna()).pvalue
            detail[f] = ("p", p)
            if p < 0.05:
                drifted.append(f)
        else:
            v = psi(ref[f], cur[f])
            detail[f] = ("psi", v)
            if v >= 0.2:
                drifted.append(f)
    return drifted, detail


def model():
    encode = ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler()), NUMERIC),
        ("bool", SimpleImputer(strategy="most_frequent", add_indicator=True), BOOLEAN),
        ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
    ])
    return make_pipeline(encode, LogisticRegression(C=1.0, max_iter=5000))


def split(df, seed):
    return train_test_split(df, test_size=0.25, stratify=df[LABEL], random_state=seed)


def fit(df):
    return model().fit(df[FEATURES], df[LABEL])


def auc(m, df):
    return roc_auc_score(df[LABEL], m.predict_proba(df[FEATURES])[:, 1])


def digest(path):
    h = hashlib.sha256()
    for name in sorted(os.listdir(path)):
        with open(os.path.join(path, name), "rb") as fh:
            h.update(name.encode() + b"\0" + fh.read())
    return h.hexdigest()


def stats(values):
    return f"min {min(values):.4f} mean {np.mean(values):.4f} max {max(values):.4f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("series")
    ap.add_argument("--splits", type=int, default=20)
    args = ap.parse_args()
    expected = json.load(open(os.path.join(args.series, "expected.json")))["partitions"]
    seeds = range(args.splits)
    reference = production = None  # production: per split seed, a model trained on the reference's training split
    seen = {}
    failures = []
    for exp in expected:
        name = exp["partition"]
        path = os.path.join(args.series, name)
        h = digest(path)
        print(f"== {name}: {exp['scenario']}")
        if h in seen:
            print(f"   duplicate of {seen[h]}")
            if exp["status"] != "duplicate":
                failures.append(f"{name}: duplicate content, expected {exp['status']}")
            continue
        seen[h] = name
        sub = pd.read_csv(os.path.join(path, "subscriptions.csv"), nrows=0).columns
        if "monthly_fee" not in sub:
            usage = pd.read_csv(os.path.join(path, "usage_agg_30d.csv"))
            print(f"   broken: monthly_fee missing; watch_hours_30d null rate {usage['watch_hours_30d'].isna().mean():.3f}")
            if exp["status"] != "rejected":
                failures.append(f"{name}: broken, expected {exp['status']}")
            continue
        df = load(path)
        print(f"   rows {len(df)}, positive rate {df[LABEL].mean():.3f}")
        if reference is None:
            aucs = []
            production = {}
            for s in seeds:
                train, val = split(df, s)
                production[s] = fit(train)
                aucs.append(auc(production[s], val))
            reference = (name, df)
            print(f"   bootstrap AUC {stats(aucs)}")
            if min(aucs) < FLOOR:
                failures.append(f"{name}: bootstrap AUC below the floor")
            continue
        drifted, detail = drift(reference[1], df)
        share = len(drifted) / len(FEATURES)
        print(f"   vs {reference[0]}: drift_share {share:.2f} ({len(drifted)}/{len(FEATURES)}): "
              + ", ".join(f"{f} ({detail[f][0]} {detail[f][1]:.3g})" for f in drifted))
        if not drifted:
            pass
        retrain = share >= DRIFT_THRESHOLD
        if retrain != exp["retrain"]:
            failures.append(f"{name}: retrain {retrain}, expected {exp['retrain']}")
        if not retrain:
            continue
        prod_aucs, cand_aucs, gaps, candidates = [], [], [], {}
        for s in seeds:
            train, val = split(df, s)
            candidates[s] = fit(train)
            p, c = auc(production[s], val), auc(candidates[s], val)
            prod_aucs.append(p)
            cand_aucs.append(c)
            gaps.append(c - p)
        promoted = [c >= FLOOR and g >= DELTA for c, g in zip(cand_aucs, gaps)]
        print(f"   production AUC {stats(prod_aucs)}")
        print(f"   candidate  AUC {stats(cand_aucs)}")
        print(f"   gap (candidate - production) {stats(gaps)}; promoted in {sum(promoted)}/{len(promoted)} splits")
        want = exp["decision"] == "promoted"
        if any(p != want for p in promoted):
            failures.append(f"{name}: promotion differs from '{exp['decision']}' in some splits")
        if want:
            production = candidates
            reference = (name, df)
    print("\nOK: every month matches expected.json" if not failures else "\nMISMATCH:\n  " + "\n  ".join(failures))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
