/// The API's OpenAPI 3.1 document, served at `GET /openapi.json`. It lives in the binary so an
/// installed `driftwatch` needs no resource bundle; a test holds every answer the server gives
/// to it (paths, statuses, required fields).
public enum OpenAPIDocument {
    public static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "driftwatch serving API",
    "version": "1",
    "description": "The registry's production model over HTTP. The server follows the production alias and swaps versions without a restart; every answer names the version that produced it."
  },
  "paths": {
    "/health": {
      "get": {
        "operationId": "health",
        "summary": "The process is alive.",
        "responses": {
          "200": {
            "description": "Alive.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          }
        }
      }
    },
    "/ready": {
      "get": {
        "operationId": "ready",
        "summary": "Whether a model and the online feature table are loaded, and what went wrong if not (or if a newer version was refused).",
        "responses": {
          "200": {
            "description": "Ready; problems lists a refused version if any.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Ready"
                }
              }
            }
          },
          "503": {
            "description": "Not ready; problems says why.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Ready"
                }
              }
            }
          }
        }
      }
    },
    "/v1/routing": {
      "get": {
        "operationId": "routing",
        "summary": "The routing strategy, the arms as served now (version, share, a stopped candidate and why), the shadow comparison, and every version's counters since the start.",
        "responses": {
          "200": {
            "description": "The routing state.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Routing"
                }
              }
            }
          }
        }
      }
    },
    "/v1/model": {
      "get": {
        "operationId": "model",
        "summary": "The served model: name, version, aliases, signature, lineage, when it was loaded.",
        "responses": {
          "200": {
            "description": "The served model.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Model"
                }
              }
            },
            "headers": {
              "X-Model-Version": {
                "description": "The registry version that produced the answer.",
                "schema": {
                  "type": "string"
                }
              },
              "X-Request-ID": {
                "description": "The request's id, as in the prediction log.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "503": {
            "description": "No model (or no feature table) is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/predict": {
      "post": {
        "operationId": "predict",
        "summary": "Probability of the positive class per row.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/PredictRequest"
              }
            },
            "text/csv": {
              "schema": {
                "type": "string",
                "description": "A header row naming every feature (and optionally the key), then one row per instance."
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "One probability per row, in row order.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Predictions"
                }
              }
            },
            "headers": {
              "X-Model-Version": {
                "description": "The registry version that produced the answer.",
                "schema": {
                  "type": "string"
                }
              },
              "X-Request-ID": {
                "description": "The request's id, as in the prediction log.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "description": "The body is not JSON or not CSV.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "description": "The body is larger than serving.body_limit_bytes.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "415": {
            "description": "The Content-Type is neither application/json nor text/csv.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "422": {
            "description": "A row does not fit the model's signature: the error names the row and the field.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "No model (or no feature table) is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/predict/by-key": {
      "post": {
        "operationId": "predictByKey",
        "summary": "Scores the features the newest accepted partition holds for one key.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "description": "Exactly one field: the contract's key, e.g. {\"user_id\": \"u_123\"}.",
                "minProperties": 1,
                "maxProperties": 1
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The key's probability.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/KeyPrediction"
                }
              }
            },
            "headers": {
              "X-Model-Version": {
                "description": "The registry version that produced the answer.",
                "schema": {
                  "type": "string"
                }
              },
              "X-Request-ID": {
                "description": "The request's id, as in the prediction log.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "description": "The body is not JSON or not CSV.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "The key is not in the online feature table.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "description": "The body is larger than serving.body_limit_bytes.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "415": {
            "description": "The Content-Type is neither application/json nor text/csv.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "422": {
            "description": "A row does not fit the model's signature: the error names the row and the field.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "503": {
            "description": "No model (or no feature table) is loaded yet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/metrics": {
      "get": {
        "operationId": "metrics",
        "summary": "Prometheus text exposition.",
        "responses": {
          "200": {
            "description": "Metrics.",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/openapi.json": {
      "get": {
        "operationId": "openapi",
        "summary": "This document.",
        "responses": {
          "200": {
            "description": "The OpenAPI 3.1 document.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          }
        }
      }
    }
  },
  "components": {
    "schemas": {
      "Health": {
        "type": "object",
        "required": [
          "status"
        ],
        "properties": {
          "status": {
            "type": "string",
            "const": "ok"
          }
        }
      },
      "Ready": {
        "type": "object",
        "required": [
          "status",
          "problems"
        ],
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "ready",
              "not_ready"
            ]
          },
          "model_version": {
            "type": [
              "integer",
              "null"
            ]
          },
          "feature_partition": {
            "type": [
              "string",
              "null"
            ]
          },
          "problems": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "Model": {
        "type": "object",
        "required": [
          "name",
          "version",
          "aliases",
          "kind",
          "signature",
          "lineage",
          "loaded_at"
        ],
        "properties": {
          "name": {
            "type": "string"
          },
          "version": {
            "type": "integer"
          },
          "aliases": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "kind": {
            "type": "string",
            "enum": [
              "logistic",
              "gbdt"
            ]
          },
          "signature": {
            "type": "object",
            "required": [
              "features",
              "output"
            ],
            "properties": {
              "features": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "name",
                    "type"
                  ],
                  "properties": {
                    "name": {
                      "type": "string"
                    },
                    "type": {
                      "type": "string",
                      "enum": [
                        "integer",
                        "float",
                        "boolean",
                        "date",
                        "categorical"
                      ]
                    }
                  }
                }
              },
              "output": {
                "type": "string"
              }
            }
          },
          "lineage": {
            "type": "object",
            "required": [
              "partition",
              "content_hash",
              "trained_at"
            ],
            "properties": {
              "partition": {
                "type": "string"
              },
              "content_hash": {
                "type": "string"
              },
              "trained_at": {
                "type": "string",
                "format": "date-time"
              }
            }
          },
          "loaded_at": {
            "type": "string",
            "format": "date-time"
          },
          "key": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "PredictRequest": {
        "type": "object",
        "required": [
          "instances"
        ],
        "additionalProperties": false,
        "properties": {
          "instances": {
            "type": "array",
            "minItems": 1,
            "items": {
              "type": "object",
              "description": "Every feature of the signature (null for an unknown value), optionally the contract's key; nothing else.",
              "additionalProperties": {
                "type": [
                  "string",
                  "number",
                  "integer",
                  "boolean",
                  "null"
                ]
              }
            }
          }
        }
      },
      "Routing": {
        "type": "object",
        "required": ["strategy", "arms", "versions"],
        "properties": {
          "strategy": {"type": "string", "enum": ["single", "shadow", "canary", "ab"]},
          "model": {"type": ["string", "null"]},
          "production_version": {"type": ["integer", "null"]},
          "promoted_at": {"type": ["string", "null"], "format": "date-time", "description": "When production moved to its version by a promotion; null after a rollback. The SLO watch after promotion counts from here."},
          "problem": {"type": ["string", "null"], "description": "Why the strategy's versions are not all served; production then answers alone."},
          "arms": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["name", "version", "role", "percent"],
              "properties": {
                "name": {"type": "string"},
                "version": {"type": "integer"},
                "role": {"type": "string", "enum": ["answers", "shadow"]},
                "percent": {"type": "number", "minimum": 0, "maximum": 100}
              }
            }
          },
          "canary": {
            "type": ["object", "null"],
            "required": ["candidate_version", "step", "steps", "percent"],
            "properties": {
              "candidate_version": {"type": "integer"},
              "step": {"type": "integer"},
              "steps": {"type": "integer"},
              "percent": {"type": "number"},
              "stopped_because": {"type": ["string", "null"]}
            }
          },
          "shadow": {
            "type": ["object", "null"],
            "required": ["version", "comparison", "dropped", "errors"],
            "properties": {
              "version": {"type": "integer"},
              "stopped_because": {"type": ["string", "null"]},
              "dropped": {"type": "integer"},
              "errors": {"type": "integer"},
              "comparison": {
                "type": "object",
                "required": ["pairs"],
                "properties": {
                  "pairs": {"type": "integer"},
                  "mean_absolute_difference": {"type": ["number", "null"]},
                  "decision_agreement": {"type": ["number", "null"]},
                  "spearman": {"type": ["number", "null"]}
                }
              }
            }
          },
          "versions": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["version", "shadow", "requests", "errors", "rows"],
              "properties": {
                "version": {"type": "integer"},
                "shadow": {"type": "boolean"},
                "requests": {"type": "integer"},
                "errors": {"type": "integer"},
                "rows": {"type": "integer"},
                "mean_probability": {"type": ["number", "null"]},
                "latency_p50_ms": {"type": ["number", "null"]},
                "latency_p99_ms": {"type": ["number", "null"]}
              }
            }
          }
        }
      },
      "Predictions": {
        "type": "object",
        "required": [
          "model",
          "model_version",
          "request_id",
          "probabilities"
        ],
        "properties": {
          "arm": {
            "type": "string",
            "description": "The arm that answered under canary (production or candidate) and A/B (the arm's name); absent otherwise."
          },
          "model": {
            "type": "string"
          },
          "model_version": {
            "type": "integer"
          },
          "request_id": {
            "type": "string"
          },
          "probabilities": {
            "type": "array",
            "items": {
              "type": "number",
              "minimum": 0,
              "maximum": 1
            }
          }
        }
      },
      "KeyPrediction": {
        "type": "object",
        "required": [
          "model",
          "model_version",
          "request_id",
          "key",
          "feature_partition",
          "probability"
        ],
        "properties": {
          "arm": {
            "type": "string",
            "description": "The arm that answered under canary (production or candidate) and A/B (the arm's name); absent otherwise."
          },
          "model": {
            "type": "string"
          },
          "model_version": {
            "type": "integer"
          },
          "request_id": {
            "type": "string"
          },
          "key": {
            "type": "string"
          },
          "feature_partition": {
            "type": "string"
          },
          "probability": {
            "type": "number",
            "minimum": 0,
            "maximum": 1
          }
        }
      },
      "Error": {
        "type": "object",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "type": "object",
            "required": [
              "code",
              "message"
            ],
            "properties": {
              "code": {
                "type": "string",
                "enum": [
                  "invalid_json",
                  "invalid_csv",
                  "unsupported_media_type",
                  "body_too_large",
                  "empty_batch",
                  "missing_field",
                  "wrong_type",
                  "unknown_field",
                  "unknown_key",
                  "not_ready"
                ]
              },
              "message": {
                "type": "string"
              },
              "row": {
                "type": [
                  "integer",
                  "null"
                ],
                "description": "0-based row of the batch."
              },
              "field": {
                "type": [
                  "string",
                  "null"
                ]
              }
            }
          }
        }
      }
    }
  }
}
"""#
}
