"""What the worker processes share: imported and loaded once, in the process they are forked from.

The batch run's workers (``workers.WorkerPool``) are started by a fork server where the platform
has one: a process that imports this module once and forks every worker from itself, so a
worker starts with torch, stanza and the pipeline's modules imported and with the read-only
data built (the gazetteer, the actor dictionary and its phrase matcher, the trigger lexicon,
the date and number tables, the default tagger's weights), shared page by page with its siblings
instead of rebuilt in each. Nothing is tagged here and torch is held to one thread: a process
forked after torch's thread pool has run can deadlock, so each worker sets its own threads and
runs its first article itself (``batch._init_worker``).

The data are those of the models folder the fork server saw when it started (the first
WorkerPool of the process), as every cache of the package is loaded once per process.
"""
from __future__ import annotations


def preload() -> None:
    """Import the worker's modules, build its read-only data and load the default tagger's weights
    (on one thread, so that no thread pool exists to be forked: nothing is tagged here)."""
    import torch

    torch.set_num_threads(1)
    from stanza.models.common.doc import Document  # noqa: F401
    from stanza.models.common.pretrain import Pretrain  # noqa: F401
    from stanza.models.ner.data import DataLoader  # noqa: F401
    from stanza.models.ner.trainer import Trainer  # noqa: F401

    from .batch import NER_MODEL, _warm
    from .core import Pipeline, default_stages
    from .ner import Ner
    from .ner_model import NerTagger

    _warm(Pipeline([Ner(use_model=False) if s.name == "ner" else s for s in default_stages(gate=True)]))
    NerTagger.load(profile=NER_MODEL)


try:
    preload()
except Exception:  # a worker then loads what it needs itself, and reports what fails
    pass
