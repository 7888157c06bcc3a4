"""CLAIM candidates: every figure a report states, as a claim of the party stating it.

low/high follow reports/README.md: exact or approximate -> low = high; "over / more than / at
least / exceeded" -> low only; "nearly / almost / up to" -> high only; "between A and B",
"A to B", "A-B" -> low A, high B; vague amounts ("hundreds" 100, "thousands" 1000, "several
thousand" 2000, "dozens" 20, "several days" 2) -> low only. Years, dates, ordinals and "N years
ago" anchors are not claims. Numbers may be digits (ASCII, Persian, Arabic-Indic; with , ٬
thousands separators) or words (English, Persian, Arabic).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.report_assistant.attribution import NEXT_SOURCE, claimant_for, speaker_of, text_voice
from pipeline.report_assistant.dates import DateContext, find_dates, norm_fa
from pipeline.report_assistant.text import ascii_digits, evidence, is_furniture, sentences

WORDS: dict[str, int] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100,
    # Persian
    "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8, "نه": 9, "ده": 10,
    "بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "صد": 100,
    # Arabic
    "دویست": 200, "سیصد": 300, "چهارصد": 400, "پانصد": 500,
    "مئة": 100, "مائة": 100, "مئتي": 200, "مئتا": 200, "مئتين": 200, "مائتي": 200,
    "اثنان": 2, "ثلاثة": 3, "أربعة": 4, "خمسة": 5, "ستة": 6, "سبعة": 7, "ثمانية": 8,
    "تسعة": 9, "عشرة": 10, "عشرون": 20, "ثلاثون": 30,
    # compound hundreds and tens («ثمانمئة» 800, «ششصد» 600), «ألفين» two thousand
    "ثلاثمئة": 300, "ثلاثمائة": 300, "أربعمئة": 400, "أربعمائة": 400, "خمسمئة": 500,
    "خمسمائة": 500, "ستمئة": 600, "ستمائة": 600, "سبعمئة": 700, "سبعمائة": 700,
    "ثمانمئة": 800, "ثمانمائة": 800, "تسعمئة": 900, "تسعمائة": 900, "ألفين": 2000,
    "ألفان": 2000, "الفين": 2000, "عشرين": 20, "ثلاثين": 30, "أربعون": 40, "أربعين": 40,
    "خمسون": 50, "خمسين": 50, "ششصد": 600, "هفتصد": 700, "هشتصد": 800, "نهصد": 900,
    "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90,
    "هزار": 1000, "ألف": 1000,  # "a thousand" written alone
}
SCALES: dict[str, int] = {"thousand": 1000, "million": 1_000_000, "هزار": 1000, "ألف": 1000,
                          "الف": 1000, "آلاف": 1000}
# vague amounts -> low
VAGUE: tuple[tuple[str, int], ...] = (
    (r"several thousands?|a few thousand|چند هزار|چندین هزار|عدة آلاف", 2000),
    (r"several hundreds?|a few hundred|چند صد|چندصد|عدة مئات", 200),
    (r"tens of thousands|ده‌?ها هزار|دهها هزار|عشرات الآلاف|عشرات الالاف", 10000),
    (r"thousands|هزاران|(?:[بل]?ال)?آلاف|(?:[بل]?ال)?الاف", 1000),
    (r"hundreds|صدها|صد ها|(?:[بل]?ال)?مئات", 100),
    (r"dozens|several tens|scores of|چند ده|ده‌?ها|دهها|(?:ال)?عشرات", 20),
    (r"several (?=hours|days|weeks|months|years)|a few (?=days|weeks|months)|چندین(?= روز)|"
     r"(?:عدة|بضعة)(?= (?:أيام|أشهر|شهور|أسابيع))", 2),
)
# the text is matched after norm_fa (Arabic ي ى ك -> Persian ی ک): so are the vocabularies
WORDS = {norm_fa(k): v for k, v in WORDS.items()}
SCALES = {norm_fa(k): v for k, v in SCALES.items()}
VAGUE = tuple((norm_fa(p), v) for p, v in VAGUE)
_NUM = r"\d{1,3}(?:[,٬]\d{3})+(?!\d)|\d+(?:\.\d+)?"
_WORDNUM = r"(?:" + "|".join(sorted((re.escape(w) for w in WORDS), key=len, reverse=True)) + r")"
_SCALE = r"(?:\s*(?:" + "|".join(SCALES) + r"))?"
# spelled-out English compounds ("two thousand eight hundred", "five hundred and sixty"),
# read exactly by word2number
_EN_UNIT = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
            r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
            r"sixty|seventy|eighty|ninety)")
_EN_COMPOUND = (r"\b(?:an?|" + _EN_UNIT + r"(?:-" + _EN_UNIT + r")?)(?:\s+(?:hundred|thousand|"
                r"million)(?:(?:\s+and)?\s+" + _EN_UNIT + r"(?:-" + _EN_UNIT
                + r")?(?=\s+(?:hundred|thousand|million)\b|\b))?)+\b")
_VALUE = r"(?:(?:" + _EN_COMPOUND + r")|(?:" + _NUM + r")|(?:\b" + _WORDNUM + r"(?:-" \
    + _WORDNUM + r")?\b))" + _SCALE
_LOW_WORDS = (r"over|more than|at least|ما لا يقل عن|لا يقل عن|"
              r"in excess of|upwards of|exceeded|could exceed|exceeds|"
              r"exceeding|no fewer than|no less than|بیش از|بیشتر از|بالغ بر|دست ?کم|حداقل|"
              r"أكثر من|اكثر من|ما يزيد عن|ما يزيد على|أزيد من")
_HIGH_WORDS = (r"nearly|almost|up to|as many as|fewer than|less than|close to|قریب|نزدیک به|تقریبا|"
               r"ما يقارب|قرابة")
_APPROX = r"about|around|approximately|an estimated|estimated|some|roughly|حدود|حوالي|نحو"
_RANGE_SEP = r"\s*(?:-|–|—|to|and|or|تا|الى|إلى|و)\s*"
_LOW_WORDS, _HIGH_WORDS, _APPROX, _RANGE_SEP = (norm_fa(w) for w in (_LOW_WORDS, _HIGH_WORDS,
                                                                     _APPROX, _RANGE_SEP))

_RANGE = re.compile(r"(?:\b(?:between|from)\s+|بین\s+|ما بین\s+)?(?P<a>" + _VALUE
                    + r")(?:\s*(?:نفر|تن|people|persons))?" + _RANGE_SEP
                    + r"(?:\d{1,3}(?:[,٬]\d{3})+\s*(?:یا|or)\s*)?(?P<b>" + _VALUE + r")", re.I)
_SINGLE = re.compile(r"(?P<a>" + _VALUE + r")", re.I)
# Persian/Arabic compounds joined by و: «ثلاثة آلاف وثمانمئة» = 3800, «سه هزار و ششصد» = 3600
_FA_AR_WORD = r"(?:" + "|".join(sorted((re.escape(w) for w in [*WORDS, *SCALES, "یک", "واحد"]
                                       if not w.isascii()), key=len, reverse=True)) + r")"
_COMPOUND = re.compile(r"(?<![\u0600-\u06ff])" + _FA_AR_WORD + r"(?:\s+" + _FA_AR_WORD + r")*"
                       r"(?:\s+و\s*" + _FA_AR_WORD + r"(?:\s+" + _FA_AR_WORD + r")*)+"
                       r"(?![\u0600-\u06ff])")


def _compound_value(raw: str) -> int | None:
    """«ثلاثة آلاف وثمانمئة» -> 3800; parts must fall (Persian "بیست و پنج") or be Arabic
    unit-then-tens («خمسة وعشرون» 25); «بين ثلاثة وأربعة آلاف» (a range) -> None."""
    parts = []
    for part in re.split(r"\s+و\s*", raw.strip()):
        v = 0
        for tok in part.split():
            if tok in SCALES:
                v = (v or 1) * SCALES[tok]
            else:
                v += 1 if tok in ("یک", "واحد") else WORDS.get(tok, 0)
        parts.append(v)
    if len(parts) == 2 and parts[0] < 10 and parts[1] in range(20, 100, 10):
        return sum(parts)
    if all(a > b for a, b in zip(parts, parts[1:], strict=False)) and all(parts):
        return sum(parts)
    return None
_LOW_AFTER = re.compile(norm_fa(r"^\s*(?:\S+\s+)?(?:على الأقل|علی الاقل|or more|at least)\b|"
                                r"^\s*(?:\S+\s+)?(?:على الأقل|على الاقل)"))
_MOD_BEFORE = re.compile(r"(?P<mod>" + _LOW_WORDS + "|" + _HIGH_WORDS + "|" + _APPROX
                         + r")\s*$", re.I)
_AFTER_SKIP = re.compile(
    r"^(?:\s*(?:st|nd|rd|th)\b|[\s-]*decades?\b|\s*و\s*[\u0600-\u06ff]+(?:مین|م)\b|"
    r"\s*(?:مین|ام)\b|[\s-]*years?\s+on\b|[\s-]*(?:years?|سال\S*)\s+(?:\S+\s+){0,3}?(?:ago|after|since|"
    r"later|پیش|قبل|می ?گذرد|مى ?گذرد)|\]|"
    r"\s*(?:مین|م)\b|\s*%|\s*[°′″]|\s*(?:am|pm|a\.m\.|p\.m\.)\b|/\d|:\d)", re.I)
# "the eight-year war": the length of the Iran-Iraq war is context, not a claim
_WAR_AFTER = re.compile(r"^[\s-]*(?:years?|year-long)[\s-]+(?:long\s+)?war\b|^\s*ساله جنگ|"
                        r"^\s*سنوات من الحرب", re.I)
_BEFORE_SKIP = re.compile(r"(?:Resolution|Article|No\.|number|Room|page|Ward|Section|Hall|paras?\.|"
                          r"if not|دهه|عقد|"
                          r"Chapter|Law|Protocol|Act|\$|€|£|#|\d[/.:])\s*$", re.I)

SUBJECTS: tuple[tuple[str, str], ...] = (
    (r"year-old|years? old|aged?\b|ساله|عمره", "age"),
    (r"years? (?:in|of) prison|years? (?:imprisonment|jail)|sentenced|سال زندان|سنوات سجن",
     "sentence_years"),
    (r"-?page|صفحه|صفحة", "document_pages"),
    (r"-?minute|دقیقه|دقيقة", "audio_length_minutes"),
    (r"member|person|panel|commission|committee|عضو|هیئت|لجنة", "commission_members"),
    (r"cities|towns|provinces|شهر|مدينة|مدن", "cities"),
    (r"hearing days|hearings|sessions|جلسه|جلسة", "hearing_days"),
    (r"months?|ماه|أشهر|شهور", "duration_months"),
    (r"days?|روز|أيام|يوم", "duration_days"),
    (r"grave|گور|مقبرة|مقابر", "mass_grave_locations"),
    (r"signator|signed|signatures|امضا|توقيع", "signatories"),
    (r"plaintiffs|witnesses|شاکی|شاهد|شهود", "plaintiffs_witnesses"),
    (r"rapporteur|experts?", "un_experts_count"),
    (r"participants|attended|gathered|took part|people (?:joined|attended)|شرکت|شركت|"
     r"حضور|مشاركة|المشاركين", "participants"),
    (r"executed|execution|massacre|killed|killing|victims|prisoners|died|put to death|"
     r"اعدام|کشته|قربانی|زندانی|قتل|زندانيان|السجناء|سجين|إعدام|أعدم|مجزرة|ضحايا",
     "death_toll"),
)
_SUBJECT_RX = [(re.compile(norm_fa(p), re.I), s) for p, s in SUBJECTS]


@dataclass(frozen=True)
class ClaimRow:
    """One claim candidate: claimant, subject, low/high, the figure as written, evidence."""
    claimant: str
    subject: str
    low: int | None
    high: int | None
    value_text: str
    evidence: str
    start: int


_EN_WORDS_ONLY = re.compile(r"(?:(?:an?|and|hundred|thousand|million|" + _EN_UNIT
                            + r")(?:[\s-]+|$))+", re.I)


def _to_int(raw: str) -> int | None:
    raw = norm_fa(ascii_digits(raw)).strip()
    if re.search(r"\s", raw) and _EN_WORDS_ONLY.fullmatch(raw) and re.search(
            r"hundred|thousand|million", raw, re.I):
        from word2number import w2n

        words = re.sub(r"^an?\s", "one ", raw.lower())
        try:
            return int(w2n.word_to_num(words))
        except ValueError:
            return None
    scale = 1
    for w, s in SCALES.items():
        if raw.endswith(w):
            scale = s
            raw = raw[: -len(w)].strip()
            break
    raw = raw.replace(",", "").replace("٬", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        return int(float(raw) * scale)
    key = raw.lower()
    if key in WORDS:
        return WORDS[key] * scale
    if "-" in key and all(k in WORDS for k in key.split("-", 1)):
        tens, unit = (WORDS[k] for k in key.split("-", 1))
        return (tens + unit) * scale if tens >= 20 and unit < 10 else None
    if not raw and scale > 1:
        return scale
    return None


def number_value(raw: str) -> int | None:
    """The value of a number written in digits or words ("42", "forty-two", «چهل»)."""
    return _to_int(raw)


def _subject(sentence: str, at: int, end: int) -> str:
    window = sentence[end : end + 40]
    for rx, subj in _SUBJECT_RX:
        if rx.search(window[:25]):
            return subj
    window = sentence[max(0, at - 60) : end + 60]
    for rx, subj in _SUBJECT_RX:
        if rx.search(window):
            return subj
    return "other"


def _skip_number(text: str, s: int, e: int, value: int | None, date_spans: list[tuple[int, int]]
                 ) -> bool:
    if value is None or value <= 1:
        return True
    if any(not (e <= a or s >= b) for a, b in date_spans):
        return True
    raw = text[s:e]
    if re.fullmatch(r"(?:1[34]|19|20)\d\d", raw.strip()):
        return True  # a year (Gregorian or Jalali)
    if _AFTER_SKIP.match(text[e : e + 40]) or _BEFORE_SKIP.search(text[max(0, s - 12) : s]):
        return True
    if _WAR_AFTER.match(text[e : e + 25]):
        return True
    if raw[-1].isdigit() and re.match(
            r"\s*(?:" + _MONTH_WORDS + r")(?![\u0621-\u064a\u067e-\u06cc])", text[e : e + 16]):
        return True  # a day of the month («30 آب», «۳ شهریور»)
    if _FURNITURE_AFTER.match(text[e : e + 30]) or _FURNITURE_BEFORE.search(
            text[max(0, s - 30) : s]):
        return True  # reading time, clock time, agenda item, session number
    token = re.search(r"\S*$", text[:s]).group(0) + re.match(r"\S*", text[e:]).group(0)  # type: ignore[union-attr]
    if _FILE_TOKEN.search(token):
        return True  # digits of an image file name or a URL
    if re.match(r"-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b|"
                r"(?:st|nd|rd|th)\b", text[e : e + 8], re.I):
        return True  # an ordinal ("Forty-sixth session", "41st")
    if re.fullmatch(r"\s*", text[:s]) and re.match(r"\.\s", text[e : e + 2] + " "):
        return True  # a numbered paragraph ("12. On 3 September ...")
    if raw[0].isupper() and re.match(r"\s+[A-Z]", text[e : e + 2]):
        return True  # a word number in a title ("Four Decades of ...")
    if re.search(r"\b(?:past|last|over the)\s+$", text[max(0, s - 10) : s], re.I) and \
            re.match(r"\s+years\b", text[e : e + 8]):
        return True  # "in the past 32 years": a time anchor
    if s > 0 and text[s - 1] == "[":
        return True  # footnote marker
    if raw[0].isdigit() and s > 0 and text[s - 1].isascii() and text[s - 1].isalnum():
        return True  # part of a code or word ("G7", "r001")
    return raw[-1].isdigit() and e < len(text) and text[e].isascii() and text[e].isalpha()


_FURNITURE_AFTER = re.compile(
    r"^(?:\s*(?:st|nd|rd|th))?\s*(?:-|\s)?(?:min(?:ute)?s?\.?\s+read\b|(?:minutes?\s+)?"
    r"(?:reading|read)\s+time\b)|"
    r"^\.\d\d\s*(?:am|pm|a\.m\.|p\.m\.|GMT|UTC|CET|CEST|hrs|h)\b|"
    r"^\s*(?:GMT|UTC|CET|CEST|EST|EDT|local time|o[’']clock|hrs)\b|"
    r"^(?:\s*(?:st|nd|rd|th))?\s+(?:(?:regular|special|ordinary)\s+)?(?:session|sitting|"
    r"congress|plenary|meeting)\b", re.I)
_FURNITURE_BEFORE = re.compile(
    r"(?:\b(?:agenda\s+)?items?|\bsession|\bReading time:?|\bRead time:?)\s*"
    r"(?:No\.?\s*)?$|\bitems?\s+\d+\s*(?:,|and|to|-)\s*$|\d[:.]$", re.I)
_FILE_TOKEN = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|bmp|pdf)\b|^https?:|www\.|_|\?|=|/\S*/",
                         re.I)


def _month_words() -> str:
    from pipeline.report_assistant.dates import FA_AR_GREG_MONTHS, JALALI_MONTHS

    words = {norm_fa(w) for w in (*FA_AR_GREG_MONTHS, *JALALI_MONTHS, "آب", "أيار")}
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH_WORDS = _month_words()


def extract_claims(text: str, ctx: DateContext, publisher: str, title: str = ""
                   ) -> list[ClaimRow]:
    """Claim candidates of one report text, in text order, one per (claimant, low, high)."""
    voice = text_voice(text, title)
    rows = _extract_claims(text, ctx, voice or publisher)
    return rows


def _modified(t: str, s: int, e: int, val: int | None
              ) -> tuple[int, int, int | None, int | None]:
    """(start, end, low, high) of a figure with the modifier before or after it: "over" ->
    low only, "nearly" -> high only, "about" -> both; "500 or more" -> low only."""
    mod = _MOD_BEFORE.search(t[max(0, s - 25) : s])
    if not mod and _LOW_AFTER.match(t[e : e + 25]):
        return s, e, val, None  # "7 مواقع على الأقل", "500 or more"
    low, high, start = val, val, s
    if mod:
        word = mod.group("mod").lower()
        start = s - (len(t[max(0, s - 25) : s]) - mod.start())
        if re.fullmatch(_LOW_WORDS, word, re.I):
            high = None
        elif re.fullmatch(_HIGH_WORDS, word, re.I):
            low = None
    return start, e, low, high


def _extract_claims(text: str, ctx: DateContext, publisher: str) -> list[ClaimRow]:
    out: list[ClaimRow] = []
    seen: set[tuple[str, int | None, int | None]] = set()
    named: list[str] = []  # parties named as claimants so far, for "the court ruled ..."
    sents = sentences(text)
    for k, sent in enumerate(sents):
        s_text = sent.text
        if is_furniture(s_text):
            continue  # captions, credits, "FILE" lines, reading-time labels, image names
        t = norm_fa(ascii_digits(s_text))  # same length: offsets are kept
        nxt = NEXT_SOURCE.match(norm_fa(sents[k + 1].text)) if k + 1 < len(sents) else None
        source_next = nxt.group("who").strip() if nxt else ""
        dates = [(h.start, h.end) for h in find_dates(s_text, ctx)]
        found: list[tuple[int, int, int | None, int | None]] = []

        def free(a: int, b: int, found: list = found) -> bool:  # noqa: B008
            return all(b <= x or a >= y for x, y, _, _ in found)

        for m in _COMPOUND.finditer(t):
            val = _compound_value(m.group(0))
            if val is not None and not _skip_number(t, m.start(), m.end(), val, dates):
                found.append(_modified(t, m.start(), m.end(), val))
        for m in _RANGE.finditer(t):
            a, b = _to_int(m.group("a")), _to_int(m.group("b"))
            sa, eb = m.start("a"), m.end("b")
            if not free(m.start(), eb):
                continue
            if a is None or b is None or not a < b or b > 10 * a and a < 100:
                continue
            if _skip_number(t, sa, m.end("a"), a, dates) or _skip_number(t, m.start("b"), eb, b,
                                                                          dates):
                continue
            found.append((m.start(), eb, a, b))
        for rx, low in VAGUE:
            for m in re.finditer(r"(?<!\w)(?:" + rx + r")", t, re.I):
                if re.search(r"if not\s*$", t[max(0, m.start() - 8) : m.start()]):
                    continue  # "hundreds, if not thousands": one claim, the lower figure
                if low >= 1000 and (re.search(r"(?<!\d)\d{1,3}\s*$",
                                              t[max(0, m.start() - 5) : m.start()])
                                    or re.search(r"(?:^|\s)(?:" + _WORDNUM + r")\s*$",
                                                 t[max(0, m.start() - 12) : m.start()])):
                    continue  # "5 آلاف", «خمسة آلاف» are five thousand, not "thousands"
                if free(m.start(), m.end()):
                    found.append((m.start(), m.end(), low, None))
        for m in _SINGLE.finditer(t):
            s, e = m.span()
            if not free(s, e):
                continue
            val = _to_int(m.group("a"))
            if _skip_number(t, s, e, val, dates):
                continue
            found.append(_modified(t, s, e, val))
        for s, e, low, high in sorted(found):
            claimant = claimant_for(s_text, s, publisher, tuple(named), text[: sent.start])
            if re.match(r"[\s-]*pages?\b|\s*صفحه", t[e : e + 8]):
                claimant = publisher  # the size of a document is stated by who describes it
            if claimant == publisher and source_next:
                claimant = source_next
            key = (claimant, low, high)
            if key in seen:
                continue
            seen.add(key)
            if claimant != publisher:
                named.append(claimant)
            value_text = s_text[s:e].strip()
            ev = evidence(text, sent, sent.start + s, sent.start + e)
            if value_text not in ev:
                continue
            out.append(ClaimRow(claimant, _subject(t, s, e), low, high, value_text, ev,
                                sent.start + s))
        speaker = speaker_of(s_text, publisher, tuple(named))
        if speaker and (not named or named[-1] != speaker):
            named.append(speaker)  # for a later "the group said", «وأضافت المنظمة»
    return out
