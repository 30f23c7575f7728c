"""The same article saved twice across a batch: :class:`Extraction` → :class:`Signature`, and all
of a batch's signatures → the :class:`Copy` marks of its duplicates and revisions.

People save one article more than once: the desktop and the mobile view of a page, the same page
under two names or two addresses, a crawl that fetched a page twice. :func:`signature` is computed
where the page was extracted (a worker), from the document alone; it is small, so the process that
writes the tables holds every signature of a run. :func:`resolve` then compares them, once every
page is done:

* **the same article** — the same body after normalisation (:func:`extractor.text.normalize_key`:
  width and case folded, letters and digits only), or a near-identical body (at least
  :data:`SAME_SIMILARITY` of its character shingles shared, estimated by MinHash) stating the very
  same figures (its claims' kinds, values, ranges, units and currencies). The copy is a
  ``duplicate`` of the canonical one and its claims are not repeated;
* **a revision** — not the same article, but the same title and most of the text the same (at least
  :data:`REVISION_SIMILARITY`), with figures that differ: both are kept, and the later copy
  ``revises`` the earlier one.

The canonical copy of an article is its earliest ``published`` (an undated copy after every dated
one), then its smallest ``source``: a choice that does not depend on the order of the paths, on
``--jobs`` or on the engine. Each copy is compared with the canonical copies before it in that
order, so near-identical copies never chain into one group through intermediate ones.

Candidates are found without comparing every pair, by grouping on a key — the body hash, each
MinHash band (locality-sensitive hashing: :data:`BANDS` bands of rows), and for revisions the
title — with one sort per key; only documents that share a key are compared.

The MinHash is a small pure function rather than a library's: a one-permutation MinHash over
BLAKE2b hashes of the shingles (the same values in every process, on every machine and in every
run: Python's ``hash`` is salted per process), in pure Python so that the workers load no
numerical library; only the low 16 bits of each value are kept (b-bit MinHash: the estimate's bias
is below 2^-16). numpy serves only the comparison, in the process that writes the tables.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import struct
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from ..records import Copy, Extraction, Signature
from ..text import normalize_key

#: Length of the character shingles of a body's key.
SHINGLE = 5

#: MinHash values per signature, and the bands they are cut into for finding candidates: a pair
#: as similar as :data:`SAME_SIMILARITY` shares at least one band with a probability of 0.9999.
PERMUTATIONS = 128
BANDS = 16

#: Estimated share of shingles two bodies must share to be the same article.
SAME_SIMILARITY = 0.9

#: Share of shingles an earlier copy with the same title must share for a copy with other figures
#: to be its revision ("most of the text").
REVISION_SIMILARITY = 0.6

#: Bodies with shorter keys (letters and digits) are the same article only when their keys are
#: equal and so are their titles: a short body such as 详见附件 says too little on its own.
NEAR_MIN_CHARS = 50

#: Bodies with longer keys are the same article only when their keys are equal (their MinHash
#: covers only this many characters, which bounds its cost: about 0.1 s for 300,000).
NEAR_MAX_CHARS = 300_000

#: Odd 64-bit multiplier that folds a band's values into one key.
SHINGLE_MIX = 0x9E3779B97F4A7C15


@functools.cache
def _numpy():
    """numpy, imported on first use: only the process that compares signatures needs it."""
    import numpy as np

    return np


#: Added per bin of distance to a value an empty bin borrows (an odd constant).
_DENSIFY = 0x9E3779B1


def signature(result: Extraction) -> Signature:
    """The signature of one extracted page.

    >>> from extractor import extract_page
    >>> page = '<html><head><title>通报</title></head><body><p>全年累计发放救助资金3753.57万元，救助困难群众2824人。</p></body></html>'
    >>> a = signature(extract_page(page.encode(), 'a.html'))
    >>> b = signature(extract_page(page.replace('<p>', '<p class="m">').encode(), 'b.html'))
    >>> (a.exact == b.exact, a.numbers == b.numbers, similarity(a, b), a.claims, len(a.minhash))
    (True, True, 1.0, 2, 256)
    """
    document = result.document
    key = normalize_key(document.body)
    return Signature(
        source=document.source,
        doc_id=document.doc_id,
        published=document.published,
        title=normalize_key(document.title),
        status=document.status,
        chars=len(key),
        exact=hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest(),
        minhash=minhash(key[:NEAR_MAX_CHARS]),
        numbers=_figures(result),
        claims=len(result.claims),
    )


def minhash(key: str) -> bytes:
    """The b-bit one-permutation MinHash of the character shingles of ``key``:
    :data:`PERMUTATIONS` little-endian 16-bit values.

    Each distinct shingle is hashed once (BLAKE2b: the same value in every process) and falls in
    one of :data:`PERMUTATIONS` bins, which keeps the smallest value; an empty bin (a short text)
    takes the value of the next bin to its right that holds one, offset by the distance (rotation
    densification), so that two texts are compared bin for bin as with as many permutations.
    Pure Python: a worker process needs no numerical library for it.

    >>> minhash('甲乙丙丁戊己庚辛') == minhash('甲乙丙丁戊己庚辛'), minhash('甲乙丙丁戊己庚辛') == minhash('子丑寅卯辰巳午未')
    (True, False)
    """
    grams = {key[i : i + SHINGLE] for i in range(max(1, len(key) - SHINGLE + 1))}
    empty = 1 << 64
    bins = [empty] * PERMUTATIONS
    for gram in grams:
        h = int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "little")
        b = h % PERMUTATIONS
        v = h // PERMUTATIONS
        if v < bins[b]:
            bins[b] = v
    filled = [i for i, v in enumerate(bins) if v != empty]
    values = []
    for i, v in enumerate(bins):
        if v == empty:
            k = bisect.bisect_right(filled, i)
            j = filled[k] if k < len(filled) else filled[0]
            v = bins[j] + _DENSIFY * ((j - i) % PERMUTATIONS)
        values.append(v & 0xFFFF)
    return struct.pack(f"<{PERMUTATIONS}H", *values)


def similarity(a: Signature, b: Signature) -> float:
    """The estimated share of shingles two bodies have in common (Jaccard similarity)."""
    np = _numpy()
    same = np.frombuffer(a.minhash, dtype="<u2") == np.frombuffer(b.minhash, dtype="<u2")
    return int(np.count_nonzero(same)) / PERMUTATIONS


def canonical_order(s: Signature) -> tuple:
    """The sort key that picks a canonical copy: earliest ``published`` (undated last), then
    smallest ``source``."""
    return (s.published == "", s.published, s.source)


def resolve(signatures: Iterable[Signature]) -> dict[str, Copy]:
    """The duplicates and revisions among ``signatures``, by ``source`` (documents that are
    neither are left out). Only documents with status ``ok`` take part.

    The result is the same whatever the order of ``signatures``.
    """
    ordered = sorted((s for s in signatures if s.status == "ok" and s.chars), key=canonical_order)
    exact, bands, titles = _groups(ordered)
    canonicals: dict[int, list[int]] = defaultdict(list)  # group → its canonical copies so far, in order
    found: dict[str, Copy] = {}
    for i, s in enumerate(ordered):
        same = [j for j in canonicals.get(exact.get(i, -1), ()) if ordered[j].exact == s.exact]
        same = [j for j in same if s.chars >= NEAR_MIN_CHARS or ordered[j].title == s.title]
        if not same and _near(s):
            near = sorted({j for group in bands.get(i, ()) for j in canonicals[group]})
            same = [j for j in near if _same_article(ordered[j], s)][:1]
        if same:
            found[s.source] = Copy(duplicate_of=ordered[same[0]].doc_id)
            continue
        if s.title:
            earlier = [j for j in canonicals.get(titles.get(i, -1), ()) if _revises(ordered[j], s)]
            if earlier:
                found[s.source] = Copy(revises=ordered[earlier[-1]].doc_id)
        for group in (exact.get(i), titles.get(i), *bands.get(i, ())):
            if group is not None:
                canonicals[group].append(i)
    return found


def _groups(ordered: list[Signature]) -> tuple[dict[int, int], dict[int, list[int]], dict[int, int]]:
    """Which documents share a key — the body hash, a MinHash band, the title — with another:
    for each document in a group of two or more, its exact group, its band groups and its title
    group (ids unique across the three). Found by sorting the keys, so the memory is a few arrays
    and an entry for each document that has a candidate copy at all.

    A key is a hash (Python's for the texts, which is salted per process, and a fold of the band's
    values): two documents that share one only become candidates, and are then compared on the
    texts and on the MinHash themselves, so no hash value can change the result.
    """
    np = _numpy()
    n = len(ordered)
    if n < 2:
        return {}, {}, {}
    width = PERMUTATIONS // BANDS // 4  # 64-bit words per band
    words = np.frombuffer(b"".join(s.minhash for s in ordered), dtype="<u8").reshape(n, BANDS, width)
    with np.errstate(over="ignore"):
        folded = words[:, :, 0]
        for k in range(1, width):
            folded = folded * np.uint64(SHINGLE_MIX) + words[:, :, k]
    base = 0
    exact_ids, base = _runs(np.array([hash(s.exact) for s in ordered], dtype=np.int64), base)
    titled = np.array([i for i, s in enumerate(ordered) if s.title], dtype=np.int64)
    title_ids = np.full(n, -1, dtype=np.int64)
    if len(titled):
        title_ids[titled], base = _runs(np.array([hash(ordered[i].title) for i in titled], dtype=np.int64), base)
    band_ids = np.empty((n, BANDS), dtype=np.int64)
    for b in range(BANDS):
        band_ids[:, b], base = _runs(folded[:, b], base)
    exact = {int(i): int(exact_ids[i]) for i in np.flatnonzero(exact_ids >= 0)}
    titles = {int(i): int(title_ids[i]) for i in np.flatnonzero(title_ids >= 0)}
    bands = {int(i): [int(g) for g in band_ids[i] if g >= 0] for i in np.flatnonzero((band_ids >= 0).any(axis=1))}
    return exact, bands, titles


def _runs(keys, base: int):
    """Ids from ``base`` on for the runs of equal ``keys`` of two or more (-1 for a key no other
    shares), and the next free id."""
    np = _numpy()
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(keys)])))
    run = np.repeat(np.arange(len(starts)), sizes)
    ids = np.full(len(keys), -1, dtype=np.int64)
    shared = sizes[run] >= 2
    ids[order[shared]] = base + run[shared]
    return ids, base + len(starts)


def _near(s: Signature) -> bool:
    """Whether the MinHash of ``s`` covers its whole body and that body says enough."""
    return NEAR_MIN_CHARS <= s.chars <= NEAR_MAX_CHARS


def _same_article(canonical: Signature, s: Signature) -> bool:
    return _near(canonical) and canonical.numbers == s.numbers and similarity(canonical, s) >= SAME_SIMILARITY


def _revises(earlier: Signature, s: Signature) -> bool:
    return (
        earlier.title == s.title
        and _near(earlier)
        and _near(s)
        and earlier.numbers != s.numbers
        and similarity(earlier, s) >= REVISION_SIMILARITY
    )


def _figures(result: Extraction) -> str:
    """A hash of the document's figures: each claim's kind, bound, value, high end, unit and
    currency, sorted, so that the same figures in another order hash the same."""
    figures = sorted(
        "\t".join((c.kind, c.bound, _decimal(c.value), _decimal(c.high), c.unit, c.currency)) for c in result.claims
    )
    return hashlib.blake2b("\n".join(figures).encode("utf-8"), digest_size=16).hexdigest()


def _decimal(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")
