"""extractor: numeric claims from saved Chinese bulletin pages.

The library in five names::

    tables = extractor.extract(["pages/"], jobs=4)     # claims, documents, errors DataFrames
    result = extractor.extract_page(data, "page.html")  # one page, pure: Document and Claims
    extractor.find_claims("累计发放医疗救助资金3753.57万元")
    extractor.find_numbers("十二点五亿")
    extractor.ExtractError                                # what extract_page raises for a bad page
"""

__version__ = "0.1.0"

from .batch import extract
from .claims import find_claims
from .errors import ExtractError
from .numbers import find_numbers
from .pipeline import extract_page

__all__ = ["ExtractError", "extract", "extract_page", "find_claims", "find_numbers"]
