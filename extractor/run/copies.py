"""The same article saved twice across a batch: :class:`Extraction` → :class:`Signature`, and all
of a batch's signatures → the :class:`Copy` marks of its duplicates and revisions.

People save one article more than once: the desktop and the mobile view of a page, the same page
under two names or two addresses, a crawl that fetched a page twice. :func:`signature` is computed
where the page was extracted (a worker), from the document alone; it is small (about 500 bytes).
Once every page is done, the signatures of a batch are compared:

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

Candidates are found without comparing every pair, by grouping on keys (:func:`keys`): the body
hash, each MinHash band (locality-sensitive hashing: :data:`BANDS` bands of rows) and the title;
only documents that share a key are compared. Copies identical for the comparison (the same body,
title and figures: a page saved twice) are grouped first (:func:`identity`), and only the first of
them takes part. Each group yields :class:`~extractor.records.Link` records (:func:`links`), which
hold no text; :func:`choose` then picks the canonical copies from the links alone. The grouping
runs in one process (:func:`resolve`, by sorting the keys) or, under dask, where the signatures
are (:func:`resolve_parts`: a shuffle by key, the links found in each group where it lands):
only the links come back to the process that writes the tables, never the signatures.

The MinHash is a small pure function rather than a library's: a one-permutation MinHash over
BLAKE2b hashes of the shingles (the same values in every process, on every machine and in every
run: Python's ``hash`` is salted per process), in pure Python so that the workers load no
numerical library; only the low 16 bits of each value are kept (b-bit MinHash: the estimate's bias
is below 2^-16). numpy serves only the comparison.
"""

from __future__ import annotations

import array
import bisect
import functools
import hashlib
import struct
import uuid
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from ..records import Copy, Extraction, Link, Signature
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
    smallest ``source`` (then ``doc_id``, for two inputs of one name)."""
    return _order(_node(s))


def _node(s: Signature) -> tuple[str, str, str]:
    return (s.published, s.source, s.doc_id)


def _order(node: tuple[str, str, str]) -> tuple:
    published, source, doc_id = node
    return (published == "", published, source, doc_id)


def compared(s: Signature) -> bool:
    """Whether a document takes part: an article (status ``ok``) with a body."""
    return s.status == "ok" and s.chars > 0


# --------------------------------------------------------------------------------------------
# the keys a batch's signatures are grouped on

#: Odd 64-bit multipliers that fold a MinHash band's values into one key, and mark its band.
FOLD_MIX = 0x9E3779B97F4A7C15
BAND_MIX = 0xC2B2AE3D27D4EB4F

#: Tags that keep the keys of the body, the title and the identity apart.
_EXACT, _TITLE, _IDENTICAL = b"x", b"t", b"i"


def _key(tag: bytes, data: bytes) -> int:
    """A 63-bit key: BLAKE2b, the same in every process (Python's ``hash`` of a text is salted per
    process, and a dask shuffle sends a key to the partition its value names)."""
    return int.from_bytes(hashlib.blake2b(tag + data, digest_size=8).digest(), "little") >> 1


def identity(s: Signature) -> int:
    """The key shared by the copies identical to ``s`` for the comparison (the same body key, title
    and figures): only the first of them in canonical order is compared with other documents."""
    return _key(_IDENTICAL, "\0".join((s.exact, s.title, s.numbers)).encode("utf-8"))


def keys(s: Signature) -> list[int]:
    """The keys ``s`` is grouped on: its body hash; for a body its MinHash covers, each of its
    :data:`BANDS` bands (locality-sensitive hashing) and its title. Two documents are compared when
    they share a key. A key is the same in every process (no salted hash).

    >>> a = Signature('a', 'x', '', '通报', 'ok', 60, '0' * 32, bytes(256), '', 0)
    >>> b = Signature('b', 'y', '', '', 'ok', 10, '0' * 32, bytes(256), '', 0)
    >>> len(set(keys(a))), keys(b) == keys(a)[:1]
    (18, True)
    """
    return keys_of([s])[0]


def keys_of(signatures: list[Signature]) -> list[list[int]]:
    """:func:`keys` of many signatures at once (the bands folded by numpy)."""
    np = _numpy()
    if not signatures:
        return []
    width = PERMUTATIONS // BANDS // 4  # 64-bit words per band
    words = np.frombuffer(b"".join(s.minhash for s in signatures), dtype="<u8").reshape(-1, BANDS, width)
    with np.errstate(over="ignore"):
        folded = words[:, :, 0]
        for k in range(1, width):
            folded = folded * np.uint64(FOLD_MIX) + words[:, :, k]
        folded = (folded ^ (np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(BAND_MIX))) >> np.uint64(1)
    found = []
    for s, bands in zip(signatures, folded.tolist(), strict=True):
        own = [_key(_EXACT, s.exact.encode("ascii"))]
        if _near(s):
            own += bands
            if s.title:
                own.append(_key(_TITLE, s.title.encode("utf-8")))
        found.append(own)
    return found


# --------------------------------------------------------------------------------------------
# the links within one group, and the choice from all links


def identical_links(members: Iterable[Signature]) -> tuple[Signature, list[Link]]:
    """The first of documents that share an :func:`identity` in canonical order, and a link from it
    to each of the others."""
    group = sorted(members, key=canonical_order)
    head = group[0]
    return head, [Link(_node(head), _node(s), identical=True) for s in group[1:]]


#: Pairs of MinHash values compared at once within a group (bounds the memory of a large group).
PAIRS_AT_ONCE = 2**22


def links(key: int, members: Iterable[Signature]) -> list[Link]:
    """The links among documents that share ``key``: every pair that is the same article, the
    same body or a revision. A pair that shares several keys is reported under the smallest one
    only, so each pair makes one link wherever its keys were grouped."""
    np = _numpy()
    group = sorted(members, key=canonical_order)
    n = len(group)
    if n < 2:
        return []
    hashes = np.frombuffer(b"".join(s.minhash for s in group), dtype="<u2").reshape(n, -1)
    exact = np.array([s.exact for s in group])
    near = np.array([_near(s) for s in group])
    pairs = []
    rows = max(1, PAIRS_AT_ONCE // (n * PERMUTATIONS))
    for start in range(0, n, rows):
        block = slice(start, min(n, start + rows))
        same = np.count_nonzero(hashes[block, None, :] == hashes[None, :, :], axis=2)
        # a superset of the pairs _link may keep (j before i): the same body, or a near one
        candidates = (exact[block, None] == exact[None, :]) | (
            near[block, None] & near[None, :] & (same >= REVISION_SIMILARITY * PERMUTATIONS)
        )
        candidates &= np.arange(start, block.stop)[:, None] > np.arange(n)[None, :]
        for i, j in zip(*np.nonzero(candidates), strict=True):
            i, j = int(i) + start, int(j)
            link = _link(group[j], group[i], int(same[i - start, j]) / PERMUTATIONS)
            if link is not None:
                pairs.append((j, i, link))
    if not pairs:
        return []
    linked = sorted({k for j, i, _ in pairs for k in (j, i)})
    own = dict(zip(linked, map(set, keys_of([group[k] for k in linked])), strict=True))
    return [link for j, i, link in pairs if min(own[j] & own[i]) == key]


def _link(a: Signature, b: Signature, similar: float) -> Link | None:
    """How ``b`` relates to ``a``, before it in canonical order, whose MinHash values agree in
    the share ``similar``; None when in no way that counts."""
    exact = a.exact == b.exact and (b.chars >= NEAR_MIN_CHARS or a.title == b.title)
    near = _near(a) and _near(b) and a.numbers == b.numbers and similar >= SAME_SIMILARITY
    revision = (
        bool(b.title)
        and a.title == b.title
        and _near(a)
        and _near(b)
        and a.numbers != b.numbers
        and similar >= REVISION_SIMILARITY
    )
    if not (exact or near or revision):
        return None
    return Link(_node(a), _node(b), exact=exact, near=near, revision=revision)


def choose(found: Iterable[Link]) -> dict[str, Copy]:
    """The duplicates and revisions, by ``source``, that the links of a batch make.

    The documents are taken in canonical order; each is compared with the canonical copies before
    it that it links to: a copy of the same body (else of the same article) is a duplicate of the
    earliest of them; otherwise it revises the latest with the same title, and is itself a
    canonical copy. So near-identical copies never chain into one group through intermediate
    ones. A copy identical to another is a duplicate of that one's canonical copy.
    """
    incoming: dict[tuple, list[Link]] = defaultdict(list)
    followers: list[Link] = []
    for link in found:
        if link.identical:
            followers.append(link)
        else:
            incoming[link.later].append(link)
            incoming.setdefault(link.earlier, [])
    canonical: set[tuple] = set()
    kept: dict[tuple, tuple] = {}  # a duplicate → its canonical copy
    copies: dict[str, Copy] = {}
    for node in sorted(incoming, key=_order):
        into = sorted((k for k in incoming[node] if k.earlier in canonical), key=lambda k: _order(k.earlier))
        same = [k for k in into if k.exact] or [k for k in into if k.near]
        if same:
            kept[node] = same[0].earlier
            copies[node[1]] = Copy(duplicate_of=same[0].earlier[2])
            continue
        earlier = [k for k in into if k.revision]
        if earlier:
            copies[node[1]] = Copy(revises=earlier[-1].earlier[2])
        canonical.add(node)
    for link in followers:
        copies[link.later[1]] = Copy(duplicate_of=kept.get(link.earlier, link.earlier)[2])
    return copies


# --------------------------------------------------------------------------------------------
# grouping in this process, or across a dask cluster

#: Signatures whose keys are computed at once (a bound on the temporary arrays).
KEYED_AT_ONCE = 10_000


def resolve(signatures: Iterable[Signature]) -> dict[str, Copy]:
    """The duplicates and revisions among ``signatures``, by ``source`` (documents that are
    neither are left out), grouped in this process. Only documents with status ``ok`` take part.

    The groups are found by sorting keys, so the memory is a few arrays and the signatures
    themselves. The result is the same whatever the order of ``signatures``, and the same as
    :func:`resolve_parts`'s.
    """
    docs = sorted((s for s in signatures if compared(s)), key=canonical_order)
    if len(docs) < 2:
        return {}
    np = _numpy()  # after the check: a run of one page has nothing to compare and needs no numpy
    ids = np.array([identity(s) for s in docs], dtype=np.int64)
    order = np.argsort(ids, kind="stable")  # a run of equal ids: its first is the earliest document
    first = np.concatenate(([True], ids[order][1:] != ids[order][:-1]))
    head = order[np.maximum.accumulate(np.where(first, np.arange(len(docs)), 0))]
    found = [
        Link(_node(docs[h]), _node(docs[i]), identical=True)
        for i, h in zip(order[~first].tolist(), head[~first].tolist(), strict=True)
    ]
    heads = [docs[i] for i in np.sort(order[first]).tolist()]
    owners, flat = array.array("q"), array.array("q")
    for start in range(0, len(heads), KEYED_AT_ONCE):
        for n, ks in enumerate(keys_of(heads[start : start + KEYED_AT_ONCE]), start):
            flat.extend(ks)
            owners.extend([n] * len(ks))
    flat_keys, flat_owners = np.frombuffer(flat, dtype=np.int64), np.frombuffer(owners, dtype=np.int64)
    for key, run in _shared(flat_keys):
        found.extend(links(key, [heads[n] for n in flat_owners[run].tolist()]))
    return choose(found)


def _shared(keys) -> Iterable[tuple[int, object]]:
    """Each key of the array ``keys`` that is there twice or more, and the index array of where."""
    np = _numpy()
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    ends = np.concatenate((starts[1:], [len(ordered)]))
    shared = ends - starts >= 2
    for start, end in zip(starts[shared].tolist(), ends[shared].tolist(), strict=True):
        yield int(ordered[start]), order[start:end]


def resolve_parts(parts: list, buckets: int, **compute) -> dict[str, Copy]:
    """What :func:`resolve` finds, for signatures held in ``parts`` (lists of them, or the dask
    futures or delayed values of such lists: on a cluster, where they were computed), grouped by
    dask in ``buckets`` buckets of keys. Two shuffles: by :func:`identity` (the bucket is the key
    modulo ``buckets``), then the first copy of each identity by each of its :func:`keys`; each
    bucket of keys finds its links where it lands. Only the links (no text) come back here.
    ``compute``: the arguments of ``dask.compute`` (the scheduler).

    (``dask.bag``'s ``groupby`` would do, but it tokenises every key to hash it, at about 12 µs a
    key: 18 keys a document. The keys here are uniform integers already.)
    """
    import dask

    if not parts:
        return {}
    buckets = max(1, buckets)
    task = functools.partial(dask.delayed, pure=False)
    parts = [  # a list held here enters the graph as it is (dask would look into every signature)
        dask.delayed(p, name=f"signatures-{uuid.uuid4().hex}", traverse=False) if isinstance(p, list) else p
        for p in parts
    ]
    split = [task(_split_by_identity)(buckets, *parts[i::buckets]) for i in range(min(buckets, len(parts)))]
    classes = [task(_classes)(buckets, *[s[b] for s in split]) for b in range(buckets)]
    grouped = [task(_bucket_links)(*[c[1 + b] for c in classes]) for b in range(buckets)]
    same, similar = dask.compute([c[0] for c in classes], grouped, **compute)
    return choose(link for links in (*same, *similar) for link in links)


def _split_by_identity(buckets: int, *parts: list[Signature]) -> list[list[Signature]]:
    """The compared signatures of ``parts`` in ``buckets`` lists, by :func:`identity`."""
    out: list[list[Signature]] = [[] for _ in range(buckets)]
    for part in parts:
        for s in part:
            if compared(s):
                out[identity(s) % buckets].append(s)
    return out


def _classes(buckets: int, *parts: list[Signature]) -> tuple:
    """The links of the copies identical to another in ``parts`` (one bucket of identities), and
    the first copy of each identity under each of its keys, in ``buckets`` lists by key."""
    by_identity: dict[int, list[Signature]] = defaultdict(list)
    for part in parts:
        for s in part:
            by_identity[identity(s)].append(s)
    same: list[Link] = []
    heads = []
    for members in by_identity.values():
        head, more = identical_links(members)
        heads.append(head)
        same.extend(more)
    keyed: list[list[tuple[int, Signature]]] = [[] for _ in range(buckets)]
    for start in range(0, len(heads), KEYED_AT_ONCE):
        chunk = heads[start : start + KEYED_AT_ONCE]
        for s, own in zip(chunk, keys_of(chunk), strict=True):
            for k in own:
                keyed[k % buckets].append((k, s))
    return (same, *keyed)


def _bucket_links(*parts: list[tuple[int, Signature]]) -> list[Link]:
    """The links among the documents that share a key, for one bucket of keys."""
    np = _numpy()
    keyed = [pair for part in parts for pair in part]
    found = []
    for key, run in _shared(np.array([k for k, _ in keyed], dtype=np.int64)):
        found.extend(links(key, [keyed[i][1] for i in run.tolist()]))
    return found


def _near(s: Signature) -> bool:
    """Whether the MinHash of ``s`` covers its whole body and that body says enough."""
    return NEAR_MIN_CHARS <= s.chars <= NEAR_MAX_CHARS


def _figures(result: Extraction) -> str:
    """A hash of the document's figures: each claim's kind, bound, value, high end, unit and
    currency, sorted, so that the same figures in another order hash the same."""
    figures = sorted(
        "\t".join((c.kind, c.bound, _decimal(c.value), _decimal(c.high), c.unit, c.currency)) for c in result.claims
    )
    return hashlib.blake2b("\n".join(figures).encode("utf-8"), digest_size=16).hexdigest()


def _decimal(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")
