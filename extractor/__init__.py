"""extractor: numeric claims from saved Chinese bulletin pages."""
from .claims import find_claims
from .errors import ExtractError
from .numbers import find_numbers
from .pipeline import extract_page

__all__ = ["ExtractError", "extract_page", "find_claims", "find_numbers"]
