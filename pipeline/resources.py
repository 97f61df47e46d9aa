"""Where the project's data files and trained models live."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def models_dir() -> Path:
    """The models/ folder: $CONFLICT_EVENTS_MODELS, else the one beside the package."""
    env = os.environ.get("CONFLICT_EVENTS_MODELS")
    if env:
        return Path(env)
    return PACKAGE_DIR.parent / "models"


def shared_data_dir() -> Path:
    """The shared corpora used by the build and training scripts (not needed at run time)."""
    env = os.environ.get("CONFLICT_EVENTS_SHARED")
    if env:
        return Path(env)
    return PACKAGE_DIR.parent.parent / "shared" / "data"


@lru_cache(maxsize=None)
def load_yaml(name: str):
    """Load one of the reviewed lexicon files in pipeline/data/."""
    with open(DATA_DIR / name, encoding="utf-8") as f:
        return yaml.safe_load(f)
