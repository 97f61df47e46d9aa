"""Shared fixtures: the ANERcorp files the NER training tests read, from ../shared or from the project's own sample;
the headless Chromium the review page's browser test drives (Debian's package, never a downloaded build)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conflict_events.resources import SHARED_ENV, shared_data_dir
from conflict_events.train import data

# 36 sentences written for these tests (not taken from ANERcorp), tagged as ANERcorp is
NER_SAMPLE = Path(__file__).resolve().parent / "data" / "ner_sample.conll"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's chromium package; `make test` installs it where apt-get can
BROWSER_REPORT: list[str] = []  # what the browser test did, for the last lines of the run


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


def missing_browser() -> str | None:
    """Why the browser test cannot run here (None when it can)."""
    if not CHROMIUM.is_file():
        return f"no Chromium at {CHROMIUM} (apt-get install -y chromium; make test does it where apt-get can)"
    if not _playwright_importable():
        return "the playwright package is not installed (it is in the dev extra)"
    return None


def _playwright_importable() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, driven by Playwright. Where it is missing the test does not run and the
    run's last lines say so; in CI (CI=true), where .ci/run's make test installs it, that is a failure."""
    reason = missing_browser()
    if reason:
        BROWSER_REPORT.append(f"browser test: NOT RUN: {reason}")
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        BROWSER_REPORT.append(f"browser test: drove the review page in {CHROMIUM} (Chromium {browser.version})")
        yield browser
        browser.close()


def pytest_terminal_summary(terminalreporter):
    """Say which ANERcorp the NER training tests read, and whether the browser test ran (shown with -q too)."""
    for line in BROWSER_REPORT:
        terminalreporter.write_line(line)
    if shared_anercorp_present():
        terminalreporter.write_line(f"NER training tests: ANERcorp from {shared_data_dir()}")
    else:
        terminalreporter.write_line(f"NER training tests: no ANERcorp in {shared_data_dir()}; they trained on "
                                    f"the project's sample {NER_SAMPLE.relative_to(NER_SAMPLE.parents[2])}")
