"""FastAPI + uvicorn peers for bench/serving_vs_fastapi.sh, scoring the same request bodies
as `driftwatch serve` ({"instances": [{feature: value, ...}, ...]}) behind a pydantic model.

PEER=sklearn: the course's stack. A scikit-learn pipeline (median imputer with missing
indicators + standard scaler for numbers, one-hot for categories, logistic regression) fitted
on the production model's training partition; each request builds a pandas frame.
PEER=numpy: a tuned peer. The production model's own weights and encoding (read from its
model.json) applied with plain numpy, no pandas.

MODEL_JSON: the registry's model.json of the production version.
PARTITION: the partition directory it was trained on (sklearn only).
"""
import json
import os
from typing import List, Optional, Union

import numpy as np
from fastapi import FastAPI
from pydantic import BaseModel, create_model

MODEL = json.load(open(os.environ["MODEL_JSON"]))
FEATURES = MODEL["encoder"]["features"]
PY_TYPES = {"integer": int, "float": float, "boolean": bool, "categorical": str, "date": str}
Instance = create_model(
    "Instance",
    **{f["name"]: (Optional[PY_TYPES[f["type"]]], ...) for f in FEATURES},
    user_id=(Optional[str], None),
)


class PredictRequest(BaseModel):
    instances: List[Instance]


app = FastAPI()
PEER = os.environ.get("PEER", "numpy")

if PEER == "sklearn":
    import pandas as pd
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    part = os.environ["PARTITION"]
    # A month whose labels landed later (as `<month>.labels`, the production model's lineage in
    # the replayed fixtures) is trained with them joined on, as driftwatch does.
    folders = [part] + [part + ".labels"] * os.path.isdir(part + ".labels")
    tables = [pd.read_csv(os.path.join(folder, name)) for folder in folders for name in sorted(os.listdir(folder)) if name.endswith(".csv")]
    frame = tables[0]
    for table in tables[1:]:
        frame = frame.merge(table, on="user_id", how="left")
    categorical = [f["name"] for f in FEATURES if f["type"] == "categorical"]
    numeric = [f["name"] for f in FEATURES if f["type"] != "categorical"]
    X = frame[categorical + numeric].copy()
    X[numeric] = X[numeric].astype(float)
    y = frame["churn_label"].astype(str).str.lower().eq("true").astype(int)
    pipeline = Pipeline([
        ("prepare", ColumnTransformer([
            ("numbers", Pipeline([("impute", SimpleImputer(strategy="median", add_indicator=True)), ("scale", StandardScaler())]), numeric),
            ("categories", Pipeline([("impute", SimpleImputer(strategy="constant", fill_value="__missing__")),
                                     ("onehot", OneHotEncoder(handle_unknown="ignore"))]), categorical),
        ])),
        ("logistic", LogisticRegression(max_iter=1000)),
    ]).fit(X, y)
    COLUMNS = categorical + numeric

    @app.post("/v1/predict")
    def predict(request: PredictRequest):
        rows = pd.DataFrame([instance.model_dump() for instance in request.instances])[COLUMNS]
        rows[numeric] = rows[numeric].astype(float)
        return {"model_version": 0, "probabilities": pipeline.predict_proba(rows)[:, 1].tolist()}

else:
    WEIGHTS = np.asarray(MODEL["logistic"]["coefficients"])
    INTERCEPT = MODEL["logistic"]["intercept"]
    SLOTS = []  # per feature: (name, type, offset, categories index, fill, center, scale, indicator)
    offset = 0
    for f in FEATURES:
        categories = {c: k for k, c in enumerate(f.get("categories") or [])}
        width = (len(categories) + 1 if f["type"] == "categorical" else 1) + (1 if f["missing_indicator"] else 0)
        numeric = f["type"] in ("integer", "float", "date")
        SLOTS.append((f["name"], f["type"], offset, categories, f["fill"], f["center"] if numeric else 0.0,
                      f["scale"] if numeric else 1.0, f["missing_indicator"]))
        offset += width
    WIDTH = offset

    @app.post("/v1/predict")
    def predict(request: PredictRequest):
        x = np.zeros((len(request.instances), WIDTH))
        for i, instance in enumerate(request.instances):
            values = instance.__dict__
            for name, kind, at, categories, fill, center, scale, indicator in SLOTS:
                value = values[name]
                if kind == "categorical":
                    if value is None:
                        x[i, at + len(categories) + 1 if indicator else at + len(categories)] = 1
                    else:
                        x[i, at + categories.get(value, len(categories))] = 1
                else:
                    v = fill if value is None else float(value)
                    x[i, at] = (v - center) / scale
                    if indicator and value is None:
                        x[i, at + 1] = 1
        p = 1 / (1 + np.exp(-(x @ WEIGHTS + INTERCEPT)))
        return {"model_version": MODEL.get("version", 0), "probabilities": p.tolist()}
