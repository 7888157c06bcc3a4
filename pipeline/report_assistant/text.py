"""Text helpers: digit folding, diacritic folding, sentence spans, evidence trimming."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pipeline.transforms.persian import ascii_digits as ascii_digits  # (re-exported)
from pipeline.transforms.persian import fold_latin_letters

DIGIT = r"[0-9۰-۹٠-٩]"


def fold(text: str) -> str:
    """Lower case, no diacritics/punctuation, single spaces (for comparing names)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = fold_latin_letters(text)
    text = re.sub(r"[^\w]+", " ", text.lower())
    return " ".join(text.split())


@dataclass(frozen=True)
class Span:
    """A sentence: its text and offsets in the report text."""
    start: int
    end: int
    text: str


_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Prof|paras?|para|Sen|Rep|Gen|Col|Lt|Jr|Sr|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul"
    r"|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K)|\b[A-Z])\.$"
)
_BOUNDARY = re.compile(r"(?<=[.!?؟])(?:\[\d+\])*[\"'”’)\]]*(?:\[\d+\])*\s+|\n\s*\n\s*|\n|"
                       r"(?<=[.!?؟])(?:\[\d+\])*(?=[A-Z][a-z])")
# a single line break inside a long line of running text (no end punctuation before it) is a
# wrapped line, not a sentence boundary
_WRAPPED_MIN = 60


def sentences(text: str) -> list[Span]:
    """Sentence spans with exact offsets (split on . ! ? ؟ + space, and on line breaks)."""
    out: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0) == "\n":
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[line_start : m.start()].rstrip()
            if len(before) >= _WRAPPED_MIN and before[-1:] not in ".!?؟:”\"'" and \
                    m.end() < len(text) and not text[m.end()].isupper():
                continue
        if m.group(0).strip() == "" and "\n" not in m.group(0) and _ABBREV.search(
            text[max(0, m.start() - 6) : m.start()]
        ):
            continue
        _add(text, start, m.start(), out)
        start = m.end()
    _add(text, start, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end, text[start:end]))


MAX_WORDS = 40


def evidence(text: str, sent: Span, focus_start: int, focus_end: int) -> str:
    """An exact substring of ``text`` (<= 40 words) around the focus inside the sentence:
    the whole sentence if short enough, else the clause(s) around the focus, else a window."""
    if len(sent.text.split()) <= MAX_WORDS:
        return sent.text
    # clauses: split on , ; : — inside the sentence
    cuts = [sent.start] + [
        sent.start + m.end() for m in re.finditer(r"(?:[,;:](?!\d)|[—–،؛])\s*", sent.text)
    ] + [sent.end]
    lo = max(c for c in cuts if c <= focus_start)
    hi = min(c for c in cuts if c >= focus_end)
    # grow clause window while short
    i, j = cuts.index(lo), cuts.index(hi)
    while True:
        grown = False
        if i > 0 and len(text[cuts[i - 1] : cuts[j]].split()) <= MAX_WORDS:
            i -= 1
            grown = True
        if j < len(cuts) - 1 and len(text[cuts[i] : cuts[j + 1]].split()) <= MAX_WORDS:
            j += 1
            grown = True
        if not grown:
            break
    lo, hi = cuts[i], cuts[j]
    frag = text[lo:hi]
    if len(frag.split()) > MAX_WORDS:
        words = list(re.finditer(r"\S+", text[sent.start : sent.end]))
        idx = [k for k, w in enumerate(words) if sent.start + w.end() > focus_start]
        k0 = max(0, (idx[0] if idx else 0) - 15)
        k1 = min(len(words), k0 + MAX_WORDS)
        lo, hi = sent.start + words[k0].start(), sent.start + words[k1 - 1].end()
    frag = text[lo:hi].strip(" ,;:—–،؛")
    lo = text.index(frag, lo)
    return text[lo : lo + len(frag)]


# page furniture: photo captions, "FILE" lines, credits, reading-time labels, image names
_FURNITURE = re.compile(
    r"^\s*(?:FILE(?:\s+PHOTO)?\b\s*[-–—:(]|FILE PHOTO\b|(?:Photo|Picture|Image|Caption|Credit|"
    r"Photo credit|Photograph|Video)s?(?:\s+caption)?\s*(?:\([^)]*\))?\s*:|\(?(?:Photo|Image) by\b|"
    r"File photo\b)|"
    r"(?:\((?:AFP|AP|Reuters|Getty|Photo[^)]*|Image[^)]*|File[^)]*)\)|/\s*(?:AFP|Getty Images|"
    r"Reuters|AP Photo)|\bGetty Images|\bREUTERS/[A-Z][\w ]+|\bAP Photo/[A-Z][\w ]+)\s*\.?\s*$|"
    r"^\s*(?:\d+|one|two|three|four|five|ten)\s*(?:-|\s)?(?:min(?:ute)?s?\.?)\s+read\s*$|"
    r"^\s*(?:Reading time|Read time|Estimated reading time)\s*:?|"
    r"\S+\.(?:jpe?g|png|gif|webp|svg)\b|^\s*Share (?:on|this)\b|\b\d+\s+comments?\s*$|"
    r"^\s*(?:Tags|Posted by|Posted on|Filed under)\b|"
    r"^\s*(?:عکس|تصویر|صورة|الصورة|أرشيفية|عکس از|عکس:)\s*[:|-]|^\s*\(?(?:أرشيفية|عکس آرشیوی)\)?",
    re.I)


def is_furniture(sentence: str) -> bool:
    """A caption, credit, "FILE" line, reading-time label or image name: not the report's text."""
    return bool(_FURNITURE.search(sentence))
