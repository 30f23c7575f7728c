"""Known failures: claims a reader takes from a sentence that find_claims still misses, kept as
data (tests/cases/known_failures.json) and run as strict xfails, so that a change that fixes one
fails this test until the case moves to claims.json."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import case_ids, load_cases
from extractor import find_claims

KNOWN_FAILURES = load_cases("known_failures.json")


@pytest.mark.xfail(strict=True, reason="a known failure (tests/cases/known_failures.json)")
@pytest.mark.parametrize("case", KNOWN_FAILURES, ids=case_ids(KNOWN_FAILURES))
def test_known_failure(case):
    claims = find_claims(case["text"])
    for expect in case["expect"]:
        assert any(
            expect["text"] in c.text and c.kind == expect["kind"] and c.value == Decimal(expect["value"])
            for c in claims
        ), (expect, [(c.text, c.kind, c.value) for c in claims])


def test_every_known_failure_names_where_it_comes_from():
    assert KNOWN_FAILURES
    assert all(case.get("comment") and case["expect"] for case in KNOWN_FAILURES)
