"""Output on the corpus is identical to the stored snapshot (skipped when ../shared is absent).

A change that means to alter output regenerates it (``python tests/tools/snapshot.py --write``)
and says why in its commit; a refactor or a speed-up must leave it as it is.
"""

from __future__ import annotations

import json
import sys

import pytest

from conftest import GOLDEN, ROOT

sys.path.insert(0, str(ROOT / "tests" / "tools"))
from snapshot import differences, snapshot  # noqa: E402

pytestmark = pytest.mark.corpus


def test_corpus_documents_match_the_stored_snapshot(corpus_pages):
    stored = json.loads((GOLDEN / "corpus_documents.json").read_text(encoding="utf-8"))
    assert len(stored) == len(list(corpus_pages.glob("*.html")))
    assert differences(stored, snapshot(corpus_pages)) == []
