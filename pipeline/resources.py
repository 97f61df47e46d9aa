"""Where the project's data files and trained models live."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"

MODELS_ENV = "CONFLICT_EVENTS_MODELS"
SHARED_ENV = "CONFLICT_EVENTS_SHARED"
# what each model folder must hold for the pipeline to run
MODEL_FILES = {"ner": "config.json", "gazetteer": "places.tsv", "actors": "actors.tsv"}


class ModelsNotFound(FileNotFoundError):
    """No trained models where the package looks for them; the message says where it looked and what to do."""


def package_models_dirs() -> list[Path]:
    """Where the package's own models may be: inside it (an installed wheel), beside pipeline/ (the repository)."""
    return [PACKAGE_DIR / "models", PACKAGE_DIR.parent / "models"]


def package_models_dir() -> Optional[Path]:
    """The models folder that comes with the package (the first of package_models_dirs() that exists), or None."""
    return next((path for path in package_models_dirs() if path.is_dir()), None)


def _models_advice() -> str:
    """How to point the package at its models, for the end of a ModelsNotFound message."""
    holding = f"a folder holding {', '.join(MODEL_FILES)}"
    if os.environ.get(MODELS_ENV):
        return f"set {MODELS_ENV} to {holding}, or unset it to use the models installed with the package"
    return f"reinstall conflict-events, or set {MODELS_ENV} to {holding}"


def models_dir() -> Path:
    """The models folder: $CONFLICT_EVENTS_MODELS when set, else package_models_dir()."""
    env = os.environ.get(MODELS_ENV)
    if env:
        if not Path(env).is_dir():
            raise ModelsNotFound(f"{MODELS_ENV}={env}: no such folder ({_models_advice()})")
        return Path(env)
    path = package_models_dir()
    if path is None:
        looked = " and ".join(map(str, package_models_dirs()))
        raise ModelsNotFound(f"no models found (looked in {looked}): {_models_advice()}")
    return path


def check_models(names: Iterable[str] = tuple(MODEL_FILES)) -> Path:
    """The models folder, or ModelsNotFound naming the first of the models ``names`` it lacks."""
    root = models_dir()
    for name in names:
        needed = root / name / MODEL_FILES[name]
        if not needed.is_file():
            source = f" (from {MODELS_ENV})" if os.environ.get(MODELS_ENV) else ""
            raise ModelsNotFound(f"no {name} model in {root}{source}: {needed} is missing; {_models_advice()}")
    return root


def shared_data_dir() -> Path:
    """The shared corpora used by the build and training scripts (not needed at run time)."""
    env = os.environ.get(SHARED_ENV)
    if env:
        return Path(env)
    return PACKAGE_DIR.parent.parent / "shared" / "data"


class SharedDataNotFound(FileNotFoundError):
    """A shared corpus that a build or training step reads is not there; the message says where to put it."""


def shared_path(*parts: str) -> Path:
    """A file or folder of the shared corpora, or SharedDataNotFound saying where it was looked for."""
    path = shared_data_dir().joinpath(*parts)
    if not path.exists():
        env = os.environ.get(SHARED_ENV)
        source = f"{SHARED_ENV}={env}" if env else "../shared/data beside the project"
        raise SharedDataNotFound(f"{path} not found: this step reads the shared corpora ({source}); "
                                 f"set {SHARED_ENV} to the folder holding {parts[0]}/")
    return path


@lru_cache(maxsize=None)
def load_yaml(name: str):
    """Load one of the reviewed lexicon files in pipeline/data/."""
    with open(DATA_DIR / name, encoding="utf-8") as f:
        return yaml.safe_load(f)
