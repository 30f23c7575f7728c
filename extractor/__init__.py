"""extractor: numeric claims from saved Chinese bulletin pages.

The library in six names::

    tables = extractor.extract(["pages/"], jobs=4)     # claims, documents, errors DataFrames
    result = extractor.extract_page(data, "page.html")  # one page, pure: Document and Claims
    extractor.find_claims("累计发放医疗救助资金3753.57万元")
    extractor.find_numbers("十二点五亿")
    extractor.ExtractError                                # what extract_page raises for a bad page
    tables = extractor.read_tables("output/")             # a run's tables read back, columns always

Each name is imported on first use, so that ``import extractor.cli`` (``extractor --help``) and
a worker process load only the stages they run, never pandas unless a table is built.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

#: The package's version: its one source (pyproject.toml reads it from here).
__version__ = "0.1.0"

__all__ = ["ExtractError", "extract", "extract_page", "find_claims", "find_numbers", "read_tables"]

#: Public name → the module that defines it.
_HOMES = {
    "ExtractError": ".errors",
    "extract": ".run.batch",
    "extract_page": ".pipeline",
    "find_claims": ".claims.rules",
    "find_numbers": ".claims.numbers",
    "read_tables": ".run.write",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors only
    from .claims.numbers import find_numbers
    from .claims.rules import find_claims
    from .errors import ExtractError
    from .pipeline import extract_page
    from .run.batch import extract
    from .run.write import read_tables


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'extractor' has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value  # the next look-up is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
