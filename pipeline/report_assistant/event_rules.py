"""Sentence-level rules for EVENT candidates: dates, places, organizers and wave mentions.

Rules (reports/README.md): one event per city named in the sentence; the 1988 killings are one
``execution_wave`` per report at the finest date the first anchored mention gives; a trigger
sentence without its own date inherits the last event date of the text, else the publication
date at its precision; the same (type, date, city, country) is kept once per report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.report_assistant.dates import DateContext, DateHit, find_dates, norm_fa
from pipeline.report_assistant.places import (
    DEMONYMS,
    dateline_city,
    find_cities,
    find_countries,
)
from pipeline.report_assistant.text import Span, ascii_digits, evidence, fold
from pipeline.report_assistant.triggers import (
    WAVE,
)

UN_TYPES = {"un_statement", "un_report"}


@dataclass(frozen=True)
class EventRow:
    """One event candidate; ``how`` names the rule that made it (not written out)."""
    event_type: str
    date: str
    date_precision: str
    city: str
    country: str
    organizer: str
    evidence: str
    start: int
    how: str = ""  # which rule made the row (for error analysis; not written out)


ORGANIZER = re.compile(
    r"(?P<org>(?:[A-Z][\w’'.-]*|of|the|and|for|in)(?:\s+(?:[A-Z][\w’'.-]*|of|the|and|for|in))"
    r"{0,8})\s+(?:organized|organised|held|sponsored|issued|staged|hosted|ruled|sentenced)\b")


def find_organizer(sentence: str) -> str:
    """The organizer named before "organized/held/ruled ..." in a sentence, else ""."""
    m = ORGANIZER.search(sentence)
    if not m:
        return ""
    org = re.sub(r"^(?:(?:the|of|and|in|for|On|In|Also)\s+)+", "", m.group("org")).strip()
    if re.fullmatch(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Yesterday|"
                    r"Today|January|February|March|April|May|June|July|August|September|"
                    r"October|November|December)(?:\s+\d+)?", org):
        return ""  # "A court on Thursday sentenced ...": a date, not the organizer
    return org if org and org[0].isupper() else ""


def wave_date(hits: list[DateHit]) -> DateHit | None:
    """The date of an execution-wave mention: the first hit in a wave year, at its precision."""
    for h in hits:
        if h.iso[:4] in ("1988", "1981", "1987") and h.kind != "anniversary":
            return h
    return None


def pick_date(hits: list[DateHit], trigger_at: int) -> DateHit | None:
    """The event's date among the sentence's date hits: explicit/relative dates beat bare years;
    dates of the 1988 massacre (an anchor, not the event) are skipped unless nothing else."""
    useful = list(hits)
    if not useful:
        return None
    # an anniversary is an anchor: a weekday or a date beside it says when it happened
    useful = [h for h in useful if h.kind != "anniversary"] or useful
    fine = [h for h in useful if h.precision in ("day", "month")]
    pool = fine or useful
    return min(pool, key=lambda h: abs(h.start - trigger_at))


COURT_OF = re.compile(r"\b(?P<dem>" + "|".join(DEMONYMS) + r")(?:[’']s)?\s+(?:[\w-]+\s+){0,2}?"
                       r"(?:court|Court|tribunal|judges?|prosecutors?|judiciary)\b")


def event_places(sentence: str, etype: str, default: str = "IR") -> list[tuple[str, str]]:
    """(city, country) pairs: every city; else the first country named after a place
    preposition, else the first named at all; UN statements and reports have a place only
    when one is stated after a preposition; others default to Iran."""
    cities = find_cities(sentence)
    if cities:
        return [(p.city, p.country) for p in cities]
    countries = find_countries(sentence)
    placed = [c for c in countries if c[2]]
    if etype in ("court_ruling", "trial"):
        # a ruling or trial happens where its court sits: "A Swedish court sentenced ..."
        m = COURT_OF.search(sentence)
        if m:
            cc = DEMONYMS[m.group("dem")]
            line = dateline_city(sentence)
            return [(line.city, cc)] if line and line.country == cc else [("", cc)]
    if etype in UN_TYPES:
        # a UN text is placed by a city (or a dateline) only: "the Special Rapporteur on human
        # rights in Iran" names its topic, not where it was issued
        return [("", "")]
    # a foreign country after a preposition is where it happened ("at MEK centers in Albania",
    # beside "prisoners in Iran"); else the first country named
    abroad = [c for c in placed if c[1] != "IR"]
    chosen = abroad or placed or countries
    if chosen:
        return [("", chosen[0][1])]
    return [("", default)]


ANCHOR_AFTER = re.compile(r"^(?:[’']s)?\s*(?:prison\s+|political\s+)?(?:massacres?|"
                           r"mass executions|"
                           r"executions|killings|mass killings|atrocity|crimes?)\b", re.I)
ANCHOR_BEFORE = re.compile(r"(?:کشتار|قتل ?عام|اعدام[\u0600-\u06ff]*|مجزرة|مذبحة|"
                            r"\b(?:perpetrators|victims|martyrs|survivors|massacres?|killings|"
                            r"(?:mass )?executions) of"
                            r"(?: the)?)\s*$", re.I)
# "the protest", "this event": a later mention of an event already reported
COREF = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+$|(?:^|\s)(?:این|آن|همین)\s+$|"
                    r"(?:هذا|هذه|تلک|ذلک)\s+$", re.I)
CONTINUATION = re.compile(r"\b(?:these|the|this|such)\s+(?:activities|events?|actions|"
                           r"gatherings|campaigns?|ceremon(?:y|ies))\b", re.I)
# statement verbs/nouns in the three languages ("says": می گوید / گفت / قال / أعلن)
STATEMENT = re.compile(norm_fa(r"statement|report|letter|quotes|echoed|said|\bsays\b|گزارش|"
                                r"بیانیه|بيان|تقرير|می ?گوید|اعلام کرد|\bقال|أعلن|صرح|"
                                r"نامه|رسالة"), re.I)
# an NGO's release of a report, testimony, images or findings is its statement
RELEASE_STATEMENT = re.compile(r"\b(?:published|released|issued)\s+(?:(?:a|an|its|their|new|the)"
                               r"\s+)*(?:[\w-]+\s+){0,2}?(?:report|testimon\w*|images|evidence|"
                               r"findings|statement)\b", re.I)
WAVE_RANGE = range(1979, 1989)
# "has demanded", "have been arrested": present perfect reports something recent -> the
# publication date, not the last date of the narrative
PRESENT_PERFECT = re.compile(r"\b(?:has|have)\s+(?:(?:also|now|just|reportedly|been)\s+)*$",
                              re.I)


# a year that names a period or a background event ("the 1979 revolution", "since 1979",
# "born in 1960", "the Iran-Iraq war (1980-1988)") is context, not the date of the sentence's event
CONTEXT_AFTER = re.compile(r"^(?:[’']s)?\s*(?:Islamic\s+)?(?:revolution|uprising|war|elections?|"
                            r"constitution|ceasefire|coup|hostage crisis|invasion)\b|^\s*[-–]\s*"
                            r"(?:19|20)\d\d\)", re.I)
CONTEXT_BEFORE = re.compile(r"\b(?:since|born in|born|founded in|established in|ever since|"
                             r"as early as|dating back to)\s+(?:the\s+)?$|\(\s*$", re.I)


def is_anchor(sentence: str, hit: DateHit) -> bool:
    """A year used as a name ("the 1988 massacre", «کشتار ۶۷») or as context ("the 1979
    revolution", "since 1979"), not as the event's date."""
    if hit.precision != "year":
        return False
    before = sentence[max(0, hit.start - 40) : hit.start]
    after = sentence[hit.end : hit.end + 30]
    return bool(ANCHOR_AFTER.match(after) or ANCHOR_BEFORE.search(norm_fa(before))
                or CONTEXT_AFTER.match(after)
                or (CONTEXT_BEFORE.search(before) and not before.rstrip().endswith("(")
                    or before.rstrip().endswith("(") and re.match(r"\s*[-–]", after)))


# statements and reactions ("Amnesty said on Saturday", "the ministry condemned ... on
# Wednesday") and "a similar event was held in X on D" count only with a date of their own
WEAK = re.compile(norm_fa(
    r"\b(?:said|called on|urged|warned|condemned|denounced|welcomed)\b|"
    r"(?P<held>\b(?:event|gathering|meeting|session)s? (?:was|were) (?:held|organi[sz]ed|staged)\b|"
    r"\b(?:event|gathering|meeting|session)s? took place\b)|"
    r"\bاعلام کرد|محکوم کرد|أدان|دعا|طالب|(?:^|\s)و?(?:قال|قالت|أعلن|أعلنت|صرح|صرحت)\s"), re.I)


HELD = re.compile(r"\b(?:event|gathering|meeting|session)s? (?:(?:was|were) (?:held|organi[sz]ed|"
                   r"staged)|took place)\b", re.I)


def dateline_end(sentence: str) -> int:
    """End offset of a dateline opening the sentence ("GENEVA (10 December 2020) -"), else 0."""
    if dateline_city(sentence) is None:
        return 0
    m = re.search(r"[–—-]|\)\s*[:–—-]?", sentence[:60])
    return m.end() if m else 0


def weak_trigger(norm: str, hits: list[DateHit], prev: EventRow | None
                  ) -> tuple[str, int] | None:
    """A weak trigger (statements, sessions held, ...) when no strong trigger occurs."""
    held = [m for m in WEAK.finditer(norm) if m.group("held")]
    m = held[0] if held else WEAK.search(norm)
    if m is None:
        return None
    own = [h for h in hits if h.kind in ("explicit", "relative")
           and int(h.iso[:4]) not in WAVE_RANGE and abs(h.start - m.start()) < 60]
    if not own:
        return None
    if m.group("held"):
        return (prev.event_type if prev else "other"), m.start()
    return "other", m.start()


PAST_PERFECT = re.compile(norm_fa(r"\bhad\s+(?:already\s+|earlier\s+|previously\s+)?(?:\w+ed|said|"
                                   r"written|issued|made)\b|کرده بود|گفته بود|شده بود|"
                                   r"نوشته بود|(?:^|\s)پیش ?تر|كان قد|سبق أن|سبق ان"), re.I)
POSTPOSED = re.compile(r",\s+[^,]{2,60}?\s+(?:reported|said|says|reports|told \w+)\s*\.?\s*$",
                        re.I)
# a line holding only a date ("Tuesday 26 November 2019", "2.30 pm" aside): the date of the
# headline or title line just before it
DATE_ONLY = re.compile(r"^\W*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                        r"Sunday),?\s+)?"
                        r"(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2},?)\s+\d{4}\W*$")
ACCORDING_REPORTS = re.compile(r"\baccording to (?:\w+ )?reports?\b|به گزارش", re.I)
# a court named with its city ("Stockholm District Court"): later trial/ruling sentences that
# name no place ("The verdict is due on July 14") happen there
COURT_CITY = re.compile(r"\b(?:District|Supreme|Appeals?|Criminal|Revolutionary)?\s*Court\b")
UN_NAMED = re.compile(r"\b(?:UN|U\.N\.|United Nations)\b[^.]{0,40}\b(?:experts?|"
                       r"[Rr]apporteurs?)\b|\bSpecial Rapporteur\b|\bmandate[- ]holders?\b")
UN_DOC_BACK = re.compile(r"^(?:The|This|That) (letter|communication|report)\b", re.I)
BOILERPLATE = re.compile(norm_fa(
    r"»|^\s*(?:Home|Tags?|Related(?: articles?| posts?)?|Share|Read (?:also|more)|See also|"
    r"More on|Categories|Category)\s*[:|»/]|^\s*Share on |^\s*(?:الرئيسية|خانه)\s*[/»]|"
    r"^\s*(?:اقرأ أيضا|اقرأ أيضاً|برچسب|بیشتر بخوانید|مطالب مرتبط)"), re.I)
# "until April 2022": the end of something, not the date an event happened
UNTIL = re.compile(norm_fa(r"\b(?:until|till|through|lasting to)\s+(?:the\s+)?$|(?:^|\s)تا\s+$|"
                            r"حتى\s+$"),
                    re.I)
# habitual or recurring practice (README: not an event unless a particular date is given)
HABITUAL = re.compile(norm_fa(
    r"\b(?:have|has) long\b|\bfor (?:\w+ )?(?:years|decades|months)\b|\bevery (?:year|month|"
    r"week|summer)\b|\beach year\b|\brepeatedly\b|\broutinely\b|\bregularly\b|\bannually\b|"
    r"\busually\b|\b(?:have|has) been \w+ing\b|هر سال|همه ساله|هر ساله|كل عام|سنويا"), re.I)
# a trial or a sentence that is demanded, hoped for or hypothetical
IRREALIS = re.compile(norm_fa(
    r"\b(?:call(?:ed|s|ing)? (?:for|on)|demand(?:ed|s|ing)?|urg(?:ed|es|ing)|hopes?|should|must|"
    r"would|could|seek(?:s|ing)?|want(?:s|ed)?|to put|to bring|be put|be brought)\b|"
    r"نأمل|نطالب|يجب|يطالب|مطالبين|باید|خواستار|امیدوار"), re.I)
WHO = re.compile(r"\b(?:who|whom|whose)\b", re.I)


def in_who_clause(sentence: str, hit: DateHit, trigger_at: int) -> bool:
    """A date inside a relative clause about a person ("Raisi, who became president in June
    2021, ...") that does not hold the trigger belongs to that person's story, not the event."""
    whos = [m for m in WHO.finditer(sentence, 0, hit.start)]
    if not whos:
        return False
    w = whos[-1]
    between = sentence[w.end() : hit.start]
    if re.search(r"[,;:—–]", between):
        return False
    return not (w.start() <= trigger_at < hit.start)


# "who was arrested in 1981", "born in 1960": a year of one person's life
PERSON_YEAR = re.compile(r"\b(?:arrested|detained|jailed|imprisoned|born|released|freed|"
                         r"sentenced)\s+(?:\w+\s+)?(?:in\s+)?$", re.I)


def wave_events(text: str, sents: list[Span], ctx: DateContext) -> list[EventRow]:
    """One execution_wave per wave year (1979-1988) mentioned in a sentence about executions,
    dated at the finest precision any such mention gives (first mention on ties)."""
    best: dict[str, tuple[int, DateHit, Span]] = {}
    rank = {"year": 0, "month": 1, "day": 2}
    for sent in sents:
        if not WAVE.search(plain(sent.text)):
            continue
        for h in find_dates(sent.text, ctx):
            if PERSON_YEAR.search(sent.text[max(0, h.start - 30) : h.start]):
                continue  # "who was jailed in 1983": a person's story, not the wave's date
            year = int(h.iso[:4])
            if year not in WAVE_RANGE or h.kind == "anniversary":
                continue
            if h.kind == "relative" and not re.search(r"years\s+ago", sent.text[h.start : h.end],
                                                      re.I):
                continue  # "yesterday" is not a wave's date; "thirty years ago" (1988) is
            key = h.iso[:4]
            if key not in best or rank[h.precision] > best[key][0]:
                best[key] = (rank[h.precision], h, sent)
    if "1988" not in best:
        # "the 30th anniversary of the massacre" refers to the 1988 killings with a time anchor
        for sent in sents:
            anniv = [h for h in find_dates(sent.text, ctx) if h.kind == "anniversary"]
            if anniv and WAVE.search(plain(sent.text)):
                h = anniv[0]
                best["1988"] = (0, DateHit(h.start, h.end, "1988", "year", "anniversary"), sent)
                break
    out = []
    for _, (_, h, sent) in sorted(best.items()):
        ev = evidence(text, sent, sent.start + h.start, sent.start + h.end)
        city = next((c for x in sents if WAVE.search(plain(x.text))
                     and h.iso[:4] in ascii_digits(x.text)
                     and (c := wave_prison_city(x.text))), "")
        out.append(EventRow("execution_wave", h.iso, h.precision, city, "IR", "", ev,
                            sent.start + h.start, "wave"))
    return out


# the killings placed at a prison of a named city ("executed in the prisons of Tehran",
# «في سجون طهران», «در زندان‌های تهران»): the wave row takes that city
PRISONS_OF = re.compile(norm_fa(r"\bprisons? of\s+|\bprisons? in\s+|سجون\s+|سجن\s+|"
                                 r"زندان(?:های|‌های| های)?\s+"), re.I)


HARAKAT = re.compile(r"[\u064b-\u0652\u0670]")


def plain(text: str) -> str:
    """norm_fa without Arabic short-vowel marks («أُعدموا» -> «أعدموا»), for keyword tests only."""
    return HARAKAT.sub("", norm_fa(text))


def wave_prison_city(sentence: str) -> str:
    """The city of "the prisons of Tehran" in a wave sentence, else ""."""
    from pipeline.report_assistant.places import gazetteer

    g = gazetteer()
    norm = norm_fa(sentence)
    for m in PRISONS_OF.finditer(norm):
        w = re.match(r"(?:the city of\s+)?([A-Z][\w-]+|[\u0621-\u064a\u067e-\u06cc]+)",
                     norm[m.end() :])
        if not w:
            continue
        word = w.group(1)
        rec = g.latin_primary.get(fold(word)) if word.isascii() else g.arabic.get(word)
        if rec is not None and rec[2] == "IR":
            return rec[1]
    return ""  # a prison alone ("at Gohardasht") does not name the city: the wave stays IR

RESOLUTION = re.compile(r"\b(?:resolution|decision)s?\b", re.I)


def abroad_at_dateline(s_text: str, story: object) -> bool:
    """The sentence places its court session in the dateline's country ("in the Albanian
    capital", "in Albania")."""
    dems = [d for d, cc in DEMONYMS.items() if cc == story.country]
    named = [c for c in find_countries(s_text) if c[1] == story.country and c[2]]
    return bool(named) or any(re.search(r"\bin the " + re.escape(d) + r"\b", s_text)
                              for d in dems)


def released_here(s_text: str, at: int) -> bool:
    """The trigger itself is a release of a report, testimony or images (a statement)."""
    m = RELEASE_STATEMENT.search(s_text)
    return m is not None and abs(m.start() - at) < 10
