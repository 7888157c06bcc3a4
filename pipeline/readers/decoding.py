"""Bytes to text: the encoding guessed (BOM, UTF-16, UTF-8, then a legacy code page) or given,
and the CSV delimiter sniffed."""

from __future__ import annotations

import codecs
import csv
import io as _io
import re

from pipeline.errors import InputError
from pipeline.readers.helpers import _LINE_BREAK

DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
_SNIFF_LINES = 200


def detect_encoding(data: bytes) -> str:
    """Guess the text encoding of raw bytes. Order: BOM (UTF-8, UTF-16), UTF-16 without BOM
    (NUL pattern, then a plausibility check), UTF-8, then a legacy 8-bit code page via
    charset-normalizer (cp1256 preferred; cp1256 when nothing fits). Bytes that are mostly valid
    UTF-8 with a few bad sequences report ``utf-8``, so decoding fails loudly instead of turning
    Persian UTF-8 into mojibake."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(re.findall(r"[^\x00-\x7f\ufffd]", text))
    if good > bad:
        return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1256", "cp1252"]).best()
    encoding = best.encoding if best is not None else "cp1256"
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return "cp1256"
    return encoding


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:8192]
    n = len(sample) // 2 * 2
    if n < 4:
        return None
    zeros_even = sample[0:n:2].count(0)
    zeros_odd = sample[1:n:2].count(0)
    if zeros_odd > 4 * zeros_even and zeros_odd >= 1:
        candidate = "utf-16-le"
    elif zeros_even > 4 * zeros_odd and zeros_even >= 1:
        candidate = "utf-16-be"
    else:
        return None
    text = sample[:n].decode(candidate, errors="replace")
    plausible = sum(1 for ch in text if _plausible_char(ch))
    return candidate if plausible >= 0.95 * len(text) else None


def _plausible_char(ch: str) -> bool:
    o = ord(ch)
    return (
        (o < 0x250 and o != 0)
        or 0x0600 <= o <= 0x06FF
        or 0x0750 <= o <= 0x077F
        or 0x2000 <= o <= 0x206F
        or 0xFB50 <= o <= 0xFDFF
        or 0xFE70 <= o <= 0xFEFF
    )


_SNIFF_CHARS = 1 << 20  # lines past the first MiB of the sample are not looked at


def _sniff_sample(lines: list[str], start: int) -> str:
    """Up to _SNIFF_LINES lines from ``start``, stopping before the line that passes
    _SNIFF_CHARS (but at least one line, cut there): a 200 MB field is not scanned four times
    to guess a delimiter."""
    out: list[str] = []
    size = 0
    for line in lines[start : start + _SNIFF_LINES]:
        if size + len(line) > _SNIFF_CHARS:
            if not out:
                out.append(line[:_SNIFF_CHARS])
            break
        out.append(line)
        size += len(line)
    return "".join(out)


def sniff_delimiter(sample: str) -> str:
    """The delimiter among , ; TAB | that splits the sample's lines into the most consistent
    number (>= 2) of fields; ties go to more fields, then to that order. ',' if none does."""
    lines = list(_io.StringIO(sample, newline=""))[:_SNIFF_LINES]
    best, best_score = ",", (0.0, 0, 0)
    for rank, delimiter in enumerate(DELIMITERS):
        counts: list[int] = []
        try:
            for rec in csv.reader(lines, delimiter=delimiter):
                if any(f.strip() for f in rec):
                    counts.append(len(rec))
        except csv.Error:
            continue
        if not counts:
            continue
        modal = max(sorted(set(counts)), key=lambda c: (counts.count(c), c))
        if modal < 2:
            continue
        score = (counts.count(modal) / len(counts), modal, -rank)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _decode(data: bytes, encoding: str, file: str) -> str:
    enc = detect_encoding(data) if encoding == "auto" else encoding
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode(enc, errors="replace")
        line = len(_LINE_BREAK.findall(prefix)) + 1
        hint = " (set 'encoding' in the mapping)" if encoding == "auto" else ""
        raise InputError(
            f"cannot decode as {enc} at byte {exc.start}: {exc.reason}{hint}", file=file, row=line
        ) from None
    return text[1:] if text.startswith("\ufeff") else text
