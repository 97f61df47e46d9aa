"""Shared fixtures: the ANERcorp files the NER training tests read, from ../shared or from the project's own sample."""
from __future__ import annotations

from pathlib import Path

import pytest

from conflict_events.resources import SHARED_ENV, shared_data_dir
from conflict_events.train import data

# 36 sentences written for these tests (not taken from ANERcorp), tagged as ANERcorp is
NER_SAMPLE = Path(__file__).resolve().parent / "data" / "ner_sample.conll"


def shared_anercorp_present() -> bool:
    """True when the shared corpora (../shared/data or $CONFLICT_EVENTS_SHARED) hold ANERcorp."""
    return all(shared_data_dir().joinpath(*data.ANERCORP, name).is_file() for name in (data.TRAIN, data.TEST))


def write_sample_anercorp(root: Path, sample: Path = NER_SAMPLE) -> Path:
    """A shared data folder at ``root`` whose ANERcorp is the sample: the test file is the sample, the
    train file repeats it past 2,000 sentences so that the dev split (its 10th block of 200) is there."""
    sentences = sample.read_text(encoding="utf-8").strip().split("\n\n")
    folder = root.joinpath(*data.ANERCORP)
    folder.mkdir(parents=True, exist_ok=True)
    repeats = -(-2000 // len(sentences))
    (folder / data.TRAIN).write_text("\n\n".join(sentences * repeats) + "\n", encoding="utf-8")
    (folder / data.TEST).write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def anercorp(tmp_path_factory):
    """The shared data folder the training tests read: ../shared when it holds ANERcorp (as in CI),
    else the project's sample written in its layout, named by $CONFLICT_EVENTS_SHARED for the session."""
    if shared_anercorp_present():
        yield shared_data_dir()
        return
    with pytest.MonkeyPatch.context() as mp:
        root = write_sample_anercorp(tmp_path_factory.mktemp("shared"))
        mp.setenv(SHARED_ENV, str(root))
        yield root


def pytest_terminal_summary(terminalreporter):
    """Say which ANERcorp the NER training tests read (shown with -q too)."""
    if shared_anercorp_present():
        terminalreporter.write_line(f"NER training tests: ANERcorp from {shared_data_dir()}")
    else:
        terminalreporter.write_line(f"NER training tests: no ANERcorp in {shared_data_dir()}; they trained on "
                                    f"the project's sample {NER_SAMPLE.relative_to(NER_SAMPLE.parents[2])}")
