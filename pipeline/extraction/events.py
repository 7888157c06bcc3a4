"""EVENT candidates: a sentence with an event trigger word, a date and a place.

Rules (reports/README.md): one event per city named in the sentence; the 1988 killings are one
``execution_wave`` per report at the finest date the first anchored mention gives; a trigger
sentence without its own date inherits the last event date of the text, else the publication
date at its precision; the same (type, date, city, country) is kept once per report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.extraction.dates import DateContext, DateHit, find_dates, norm_fa
from pipeline.extraction.places import (
    DEMONYMS,
    SITE_REFERENCE,
    dateline_city,
    find_cities,
    find_countries,
    find_landmarks,
)
from pipeline.extraction.text import Span, ascii_digits, evidence, fold, is_furniture, sentences

# (event_type, pattern). Order matters: the first type whose trigger occurs in a sentence wins
# (a demonstration "to commemorate" is a protest; an exhibition "to mark" an anniversary is an
# exhibition).
TRIGGERS: tuple[tuple[str, str], ...] = (
    ("exhibition", r"\bexhibition\b|\bexhibit(?:ed|s)?\b|نمایشگاه|معرض"),
    ("un_report", r"\breports?\b[^.]{0,80}\b(?:UN|U\.N\.|United Nations) (?:Special Rapporteur|"
     r"Secretary[- ]General|High Commissioner|experts?)\b|(?<!former )\b(?:UN|United Nations) "
     r"(?:Special Rapporteur|Secretary[- ]General|High Commissioner)\b[^.]{0,80}\b(?:report|"
     r"reported)\b|\breports?\b[^.]{0,80}\b(?:debated|discussed|presented|considered|examined)"
     r"\s+(?:at|by|in|before|to)\s+(?:the\s+)?(?:UN\s+|United Nations\s+)?(?:Human Rights "
     r"Council|General Assembly|Third Committee)\b"),
    ("un_statement", r"(?<!former )(?<!ex-)\b(?:UN|U\.N\.|United Nations)\b[^.]{0,60}"
     r"\b(?:experts?|rapporteurs?|"
     r"High Commissioner|Secretary[- ]General|Human Rights Committee)\b[^.]{0,80}\b(?:letter|"
     r"warned|called|urged|said|stated|statement|communication|wrote|expressed)|"
     r"\b(?:rapporteurs?|UN experts)\b[^.]{0,80}\b(?:letter|warned|called|urged|communication)|"
     r"\b(?:special procedures? )?mandate[- ]holders\b[^.]{0,40}\b(?:wrote|sent|wrote to|"
     r"communicated|expressed|urged|called)\b|"
     r"\b(?:letter|report|statement|communication) by [^.]{0,30}\b(?:UN|United Nations) "
     r"(?:experts|[Rr]apporteurs)|"
     r"\b(?:letter|communication)\b[^.]{0,160}\b(?:the|UN|\w+) (?:UN )?(?:experts|rapporteurs?)\b|"
     r"(?:گزارشگر(?:ان)? ویژه|کارشناسان|متخصصان)[^.]{0,30}سازمان ملل[^.]{0,80}(?:نامه|خواستار|"
     r"اعلام|هشدار|گفت)|(?:خبراء|خبیر|المقرر)[^.]{0,30}الأمم المتحدة[^.]{0,80}(?:رسالة|طالب|دعا|"
     r"حذر|قال)|(?:دعا|طالب|حذر|قال)\S*\s+(?:خبراء|خبیر|المقرر)[^.]{0,30}الأمم المتحدة"),
    ("un_statement", r"\b(?:resolution|decision)\s+(?:No\.?\s*)?\d+/\d+|\badopted\b[^.]{0,40}"
     r"\bresolution\b|\bresolution\b[^.]{0,60}\b(?:was|were) adopted\b|"
     r"\bvote[sd]?\s+on\s+(?:a|the)\s+(?:draft\s+)?resolution\b"),
    ("conference", r"\bconference\b|\bsymposium\b|\bseminar\b|\bpanel discussion\b|"
     r"\bparliamentary hearing\b|\bheld an? (?:public |special )?hearing\b|"
     r"\bwas held on\b[^.]{0,30}\b(?:19|20)\d\d|همایش|کنفرانس|سمینار|مؤتمر|ندوة|"
     r"\b(?:a|the) (?:\w+ )?meeting\b[^.]{0,40}\b(?:will be|was|is|to be) held\b|"
     r"\b(?:will|to) hold an? (?:\w+ )?meeting\b|\bheld an? (?:\w+ )?meeting\b|"
     r"\bside[- ]event\b|\bwebinar\b|\b(?:Westminster Hall|parliamentary|House of Commons|"
     r"Bundestag|Senate|Congressional)\b[^.]{0,20}\bdebate\b"),
    ("court_ruling", r"\bsentenced\b|\bverdict\b|\bfound\b[^.]{0,40}\bguilty\b|\bupheld\b|"
     r"\brejected (?:the|his|her) appeal\b|"
     r"\bconvicted\b|\bacquitted\b|\bruling\b|\bruled\b|\breject\w* (?:the|his|her) appeal\b|"
     r"\b(?:refused|declined|dismissed|denied|rejected)\b[^.]{0,40}\bappeal\b|"
     r"محکوم|حکم دادگاه|(?:ال)?حكم (?:على|ب)|أصدرت المحكمة|أصدرت محكمة|حكما|حكمًا|أيدت|نقضت|"
     r"برأت|أدانت|"
     r"رفض\S*\s[^.]{0,40}استئناف|"
     r"درخواست تجدیدنظر[^.]{0,30}رد"),
    ("trial", r"\bappeal hearings?\b|\bhearings?,? (?:which |that )?(?:began|opened|started|"
     r"resumed)\b|\bprosecutors?\b[^.]{0,60}\b(?:asked|sought|requested|demanded|called)\b"
     r"[^.]{0,30}\b(?:sentence|prison term|conviction)\b|\bclosing arguments\b|"
     r"(?<!fair )\btrial\b|\bcourt hearing\b|\bprosecution (?:began|opened)\b|دادگاه|"
     r"محاکمه|محاكمة"),
    ("protest", r"\bdemonstrations?\b|\brall(?:y|ies|ied)\b|\bprotest(?:s|ed|ers)?\b|"
     r"\bhunger strike\b|\bmarch(?:ed)? (?:to|through)\b|تظاهرات|تجمع|اعتراض|تظاهر|احتجاج|مظاهرة|"
     r"\bsit-ins?\b|وقفة|مسيرة|اعتصام"),
    ("commemoration", r"\bcommemorat\w*|\bceremon(?:y|ies)\b|\bvigils?\b|\bmemorial (?:service|"
     r"gathering|event)\b|\bcampaign of (?:putting|laying)\b|\blaid flowers\b|\blaying flowers\b|"
     r"\bpaid (?:tribute|homage)\b|\b(?:to mark|marking|marked) the\b[^.]{0,25}\banniversary\b|"
     r"\bgathered\b[^.]{0,40}\b(?:cemetery|graves?|memorial)\b|\bvisited (?:the|their) graves?\b|"
     r"\b(?:put up|distributed|installed|hung|pasted)\b[^.]{0,30}\b(?:posters|banners|placards|"
     r"leaflets|pictures)\b|\b(?:posters|banners|placards|leaflets)\b[^.]{0,40}\b(?:was|were) "
     r"(?:put up|distributed|installed|hung|pasted)\b|گرد هم آمد|گرد آمد|"
     r"(?:أحیا|أحیت|احیا|احیت|یحیی)\s[^.]{0,60}ذکری|"
     r"\bheld an? (?:\w+ )?memorial\b|\bto (?:remember|honou?r|mourn)\s+(?:the\s+)?(?:dead|"
     r"victims|martyrs|those (?:killed|executed))\b|\bin memory of\b|"
     r"گرامی داشت|نصب پوستر|پخش تراکت|"
     r"مراسم|یادبود|یادمان|بزرگداشت|"
     r"گرامیداشت|تأبين|إحياء ذكرى|احياء ذكرى"),
    ("other", r"\barrested\b|\bexecution of (?-i:[A-Z])|\b(?:issued|signed)\b[^.]{0,30}\b(?:fatwa|"
     r"decree)\b|\b(?:fatwa|decree)\b[^.]{0,20}\b(?:was |were )?(?:issued|signed)\b|\bleaked\b|"
     r"\bdetained (?:the|a|an|his|her|their|several|dozens|\d+|two|three|four|five|six|seven|"
     r"eight|nine|ten|some|many|scores|hundreds|them|him)\b|في بيان|"
     r"\breleased an? (?:audio|recording|"
     r"tape|file|report)|\b(?:published|released|issued|posted|uploaded|broadcast)\s+(?:\S+\s+)"
     r"{1,3}?(?:audio|recording|tape|report|video|letter|file)\b|"
     r"\b(?:group|organi[sz]ation|NGO|watchdog)\b[^.]{0,40}\bsays\b|"
     r"\baudio (?:file|recording|tape)\b|\bdestroy\w*|\bbulldoz\w*|\bbarred\b|\bblocked\b|"
     r"\bsummon\w*|\bissued a statement\b|\bsaid in a statement\b|\bin a statement\b|"
     r"\bopen letter\b|\bdiscovered\b|\bnew report\b|\breport,? (?:entitled|titled)\b|"
     r"\baccepted\b[^.]{0,40}"
     r"\bResolution\b|\blaunched an? (?:attack|offensive|operation|incursion|invasion|raid)\b|"
     r"\bechoed\b|"
     r"\bpraised\b|\bdemanded\b|\bprevented\b|\b(?:was|were) detained\b|\braided\b|"
     r"\bprevent(?:ed|ing)? (?:\w+ ){0,3}from\b|مانع [^.]{0,60}(?:شد|شدند)|پیدا کرد|کشف کرد|"
     r"(?:در|طی) بیانیه|"
     r"جلوگیری کرد|ممانعت کرد|بازداشت|دستگیر|تخریب|"
     r"بولدوزر|منع|منعت|اعتقال|فتوا|"
     r"\bimposed sanctions\b|\bsanctioned\b|\breport\b[^.]{0,20}\b(?:released|published|"
     r"issued|launched)\b|\bpaved over\b|\brazed\b|\bdemolish\w*|\blevell?ed\b|"
     r"\bbuilt over\b|\bflattened\b|استدعاء|استدعت|فراخواند|احضار|"
     r"(?:فایل|نوار|گزارش|بیانیه)[^.]{0,60}منتشر (?:کرد|شد)|(?:نشر|أصدر)\S*\s[^.]{0,30}"
     r"(?:تسجيل|تقرير|بيان)|می ?گوید"),
)
# the text is matched after norm_fa (Arabic ي/ك -> Persian ی/ک), so the patterns are too
_TRIGGER_RX = [(t, re.compile(norm_fa(p), re.I)) for t, p in TRIGGERS]

# the 1988 killings (or another execution wave) mentioned with a time anchor
_WAVE = re.compile(
    r"\bmassacre[sd]?\b|\bexecut(?:ed|ions?)\b|\bkillings\b|\bkilled\b|\bput to death\b|"
    r"\bmass (?:execution|killing)s?\b|\bwave of (?:arrests|executions)\b|"
    r"\bto (?:their|his|her) deaths?\b|\bhang(?:ed|ings?)\b|\bdeath (?:commission|committee|"
    r"panel)\b|هیئت مرگ|هیات مرگ|لجنة الموت|"
    r"اعدام|قتل ?عام|به قتل|کشتار|کشته|مجزرة|مذبحة|إعدام|أعدم|اعدام",
    re.I)
_WAVE_YEARS = {"1988", "1367", "67", "1981", "1360", "1366", "1987", "1989"}
# "1988 massacre", "summer of 1988" in a sentence that is about something else
_UN_TYPES = {"un_statement", "un_report"}


@dataclass(frozen=True)
class EventRow:
    event_type: str
    date: str
    date_precision: str
    city: str
    country: str
    organizer: str
    evidence: str
    start: int
    how: str = ""  # which rule made the row (for error analysis; not written out)


_ORGANIZER = re.compile(
    r"(?P<org>(?:[A-Z][\w’'.-]*|of|the|and|for|in)(?:\s+(?:[A-Z][\w’'.-]*|of|the|and|for|in))"
    r"{0,8})\s+(?:organized|organised|held|sponsored|issued|staged|hosted|ruled|sentenced)\b")


def _organizer(sentence: str) -> str:
    m = _ORGANIZER.search(sentence)
    if not m:
        return ""
    org = re.sub(r"^(?:(?:the|of|and|in|for|On|In|Also)\s+)+", "", m.group("org")).strip()
    if re.fullmatch(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Yesterday|"
                    r"Today|January|February|March|April|May|June|July|August|September|"
                    r"October|November|December)(?:\s+\d+)?", org):
        return ""  # "A court on Thursday sentenced ...": a date, not the organizer
    return org if org and org[0].isupper() else ""


def _event_type(sentence: str) -> tuple[str, int] | None:
    for etype, rx in _TRIGGER_RX:
        m = rx.search(sentence)
        if m:
            return etype, m.start()
    return None


def _wave_date(hits: list[DateHit]) -> DateHit | None:
    """The date of an execution-wave mention: the first hit in a wave year, at its precision."""
    for h in hits:
        if h.iso[:4] in ("1988", "1981", "1987") and h.kind != "anniversary":
            return h
    return None


def _pick_date(hits: list[DateHit], trigger_at: int) -> DateHit | None:
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


_COURT_OF = re.compile(r"\b(?P<dem>" + "|".join(DEMONYMS) + r")(?:[’']s)?\s+(?:[\w-]+\s+){0,2}?"
                       r"(?:court|Court|tribunal|judges?|prosecutors?|judiciary)\b")


def _places(sentence: str, etype: str, default: str = "IR") -> list[tuple[str, str]]:
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
        m = _COURT_OF.search(sentence)
        if m:
            cc = DEMONYMS[m.group("dem")]
            line = dateline_city(sentence)
            return [(line.city, cc)] if line and line.country == cc else [("", cc)]
    if etype in _UN_TYPES:
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


_ANCHOR_AFTER = re.compile(r"^(?:[’']s)?\s*(?:prison\s+|political\s+)?(?:massacres?|"
                           r"mass executions|"
                           r"executions|killings|mass killings|atrocity|crimes?)\b", re.I)
_ANCHOR_BEFORE = re.compile(r"(?:کشتار|قتل ?عام|اعدام[\u0600-\u06ff]*|مجزرة|مذبحة|"
                            r"\b(?:perpetrators|victims|martyrs|survivors|massacres?|killings|"
                            r"(?:mass )?executions) of"
                            r"(?: the)?)\s*$", re.I)
# "the protest", "this event": a later mention of an event already reported
_COREF = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+$|(?:^|\s)(?:این|آن|همین)\s+$|"
                    r"(?:هذا|هذه|تلک|ذلک)\s+$", re.I)
_CONTINUATION = re.compile(r"\b(?:these|the|this|such)\s+(?:activities|events?|actions|"
                           r"gatherings|campaigns?|ceremon(?:y|ies))\b", re.I)
# statement verbs/nouns in the three languages ("says": می گوید / گفت / قال / أعلن)
_STATEMENT = re.compile(norm_fa(r"statement|report|letter|quotes|echoed|said|\bsays\b|گزارش|"
                                r"بیانیه|بيان|تقرير|می ?گوید|اعلام کرد|\bقال|أعلن|صرح"), re.I)
_WAVE_RANGE = range(1979, 1989)
# "has demanded", "have been arrested": present perfect reports something recent -> the
# publication date, not the last date of the narrative
_PRESENT_PERFECT = re.compile(r"\b(?:has|have)\s+(?:(?:also|now|just|reportedly|been)\s+)*$",
                              re.I)


# a year that names a period or a background event ("the 1979 revolution", "since 1979",
# "born in 1960", "the Iran-Iraq war (1980-1988)") is context, not the date of the sentence's event
_CONTEXT_AFTER = re.compile(r"^(?:[’']s)?\s*(?:Islamic\s+)?(?:revolution|uprising|war|elections?|"
                            r"constitution|ceasefire|coup|hostage crisis|invasion)\b|^\s*[-–]\s*"
                            r"(?:19|20)\d\d\)", re.I)
_CONTEXT_BEFORE = re.compile(r"\b(?:since|born in|born|founded in|established in|ever since|"
                             r"as early as|dating back to)\s+(?:the\s+)?$|\(\s*$", re.I)


def _is_anchor(sentence: str, hit: DateHit) -> bool:
    """A year used as a name ("the 1988 massacre", «کشتار ۶۷») or as context ("the 1979
    revolution", "since 1979"), not as the event's date."""
    if hit.precision != "year":
        return False
    before = sentence[max(0, hit.start - 40) : hit.start]
    after = sentence[hit.end : hit.end + 30]
    return bool(_ANCHOR_AFTER.match(after) or _ANCHOR_BEFORE.search(norm_fa(before))
                or _CONTEXT_AFTER.match(after)
                or (_CONTEXT_BEFORE.search(before) and not before.rstrip().endswith("(")
                    or before.rstrip().endswith("(") and re.match(r"\s*[-–]", after)))


# statements and reactions ("Amnesty said on Saturday", "the ministry condemned ... on
# Wednesday") and "a similar event was held in X on D" count only with a date of their own
_WEAK = re.compile(norm_fa(
    r"\b(?:said|called on|urged|warned|condemned|denounced|welcomed)\b|"
    r"(?P<held>\b(?:event|gathering|meeting|session)s? (?:was|were) (?:held|organi[sz]ed|staged)\b|"
    r"\b(?:event|gathering|meeting|session)s? took place\b)|"
    r"\bاعلام کرد|محکوم کرد|أدان|دعا|طالب|(?:^|\s)و?(?:قال|قالت|أعلن|أعلنت|صرح|صرحت)\s"), re.I)


_HELD = re.compile(r"\b(?:event|gathering|meeting|session)s? (?:(?:was|were) (?:held|organi[sz]ed|"
                   r"staged)|took place)\b", re.I)


def _dateline_end(sentence: str) -> int:
    """End offset of a dateline opening the sentence ("GENEVA (10 December 2020) -"), else 0."""
    if dateline_city(sentence) is None:
        return 0
    m = re.search(r"[–—-]|\)\s*[:–—-]?", sentence[:60])
    return m.end() if m else 0


def _weak_trigger(norm: str, hits: list[DateHit], prev: EventRow | None
                  ) -> tuple[str, int] | None:
    held = [m for m in _WEAK.finditer(norm) if m.group("held")]
    m = held[0] if held else _WEAK.search(norm)
    if m is None:
        return None
    own = [h for h in hits if h.kind in ("explicit", "relative")
           and int(h.iso[:4]) not in _WAVE_RANGE and abs(h.start - m.start()) < 60]
    if not own:
        return None
    if m.group("held"):
        return (prev.event_type if prev else "other"), m.start()
    return "other", m.start()


_PAST_PERFECT = re.compile(norm_fa(r"\bhad\s+(?:already\s+|earlier\s+|previously\s+)?(?:\w+ed|said|"
                                   r"written|issued|made)\b|کرده بود|گفته بود|شده بود|"
                                   r"نوشته بود|(?:^|\s)پیش ?تر|كان قد|سبق أن|سبق ان"), re.I)
_POSTPOSED = re.compile(r",\s+[^,]{2,60}?\s+(?:reported|said|says|reports|told \w+)\s*\.?\s*$",
                        re.I)
# a line holding only a date ("Tuesday 26 November 2019", "2.30 pm" aside): the date of the
# headline or title line just before it
_DATE_ONLY = re.compile(r"^\W*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                        r"Sunday),?\s+)?"
                        r"(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2},?)\s+\d{4}\W*$")
_ACCORDING_REPORTS = re.compile(r"\baccording to (?:\w+ )?reports?\b|به گزارش", re.I)
# a court named with its city ("Stockholm District Court"): later trial/ruling sentences that
# name no place ("The verdict is due on July 14") happen there
_COURT_CITY = re.compile(r"\b(?:District|Supreme|Appeals?|Criminal|Revolutionary)?\s*Court\b")
_UN_NAMED = re.compile(r"\b(?:UN|U\.N\.|United Nations)\b[^.]{0,40}\b(?:experts?|"
                       r"[Rr]apporteurs?)\b")
_UN_DOC_BACK = re.compile(r"^(?:The|This|That) (letter|communication|report)\b", re.I)
_BOILERPLATE = re.compile(norm_fa(
    r"»|^\s*(?:Home|Tags?|Related(?: articles?| posts?)?|Share|Read (?:also|more)|See also|"
    r"More on|Categories|Category)\s*[:|»/]|^\s*Share on |^\s*(?:الرئيسية|خانه)\s*[/»]|"
    r"^\s*(?:اقرأ أيضا|اقرأ أيضاً|برچسب|بیشتر بخوانید|مطالب مرتبط)"), re.I)
# "until April 2022": the end of something, not the date an event happened
_UNTIL = re.compile(norm_fa(r"\b(?:until|till|through|lasting to)\s+(?:the\s+)?$|(?:^|\s)تا\s+$|"
                            r"حتى\s+$"),
                    re.I)
# habitual or recurring practice (README: not an event unless a particular date is given)
_HABITUAL = re.compile(norm_fa(
    r"\b(?:have|has) long\b|\bfor (?:\w+ )?(?:years|decades|months)\b|\bevery (?:year|month|"
    r"week|summer)\b|\beach year\b|\brepeatedly\b|\broutinely\b|\bregularly\b|\bannually\b|"
    r"\busually\b|\b(?:have|has) been \w+ing\b|هر سال|همه ساله|هر ساله|كل عام|سنويا"), re.I)
# a trial or a sentence that is demanded, hoped for or hypothetical
_IRREALIS = re.compile(norm_fa(
    r"\b(?:call(?:ed|s|ing)? (?:for|on)|demand(?:ed|s|ing)?|urg(?:ed|es|ing)|hopes?|should|must|"
    r"would|could|seek(?:s|ing)?|want(?:s|ed)?|to put|to bring|be put|be brought)\b|"
    r"نأمل|نطالب|يجب|يطالب|مطالبين|باید|خواستار|امیدوار"), re.I)
_WHO = re.compile(r"\b(?:who|whom|whose)\b", re.I)


def _in_who_clause(sentence: str, hit: DateHit, trigger_at: int) -> bool:
    """A date inside a relative clause about a person ("Raisi, who became president in June
    2021, ...") that does not hold the trigger belongs to that person's story, not the event."""
    whos = [m for m in _WHO.finditer(sentence, 0, hit.start)]
    if not whos:
        return False
    w = whos[-1]
    between = sentence[w.end() : hit.start]
    if re.search(r"[,;:—–]", between):
        return False
    return not (w.start() <= trigger_at < hit.start)


def _waves(text: str, sents: list[Span], ctx: DateContext) -> list[EventRow]:
    """One execution_wave per wave year (1979-1988) mentioned in a sentence about executions,
    dated at the finest precision any such mention gives (first mention on ties)."""
    best: dict[str, tuple[int, DateHit, Span]] = {}
    rank = {"year": 0, "month": 1, "day": 2}
    for sent in sents:
        if not _WAVE.search(_plain(sent.text)):
            continue
        for h in find_dates(sent.text, ctx):
            year = int(h.iso[:4])
            if year not in _WAVE_RANGE or h.kind == "anniversary":
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
            if anniv and _WAVE.search(_plain(sent.text)):
                h = anniv[0]
                best["1988"] = (0, DateHit(h.start, h.end, "1988", "year", "anniversary"), sent)
                break
    out = []
    for _, (_, h, sent) in sorted(best.items()):
        ev = evidence(text, sent, sent.start + h.start, sent.start + h.end)
        city = next((c for x in sents if _WAVE.search(_plain(x.text))
                     and h.iso[:4] in ascii_digits(x.text)
                     and (c := _wave_prison_city(x.text))), "")
        out.append(EventRow("execution_wave", h.iso, h.precision, city, "IR", "", ev,
                            sent.start + h.start, "wave"))
    return out


# the killings placed at a prison of a named city ("executed in the prisons of Tehran",
# «في سجون طهران», «در زندان‌های تهران»): the wave row takes that city
_PRISONS_OF = re.compile(norm_fa(r"\bprisons? of\s+|\bprisons? in\s+|سجون\s+|سجن\s+|"
                                 r"زندان(?:های|‌های| های)?\s+"), re.I)


_HARAKAT = re.compile(r"[\u064b-\u0652\u0670]")


def _plain(text: str) -> str:
    """norm_fa without Arabic short-vowel marks («أُعدموا» -> «أعدموا»), for keyword tests only."""
    return _HARAKAT.sub("", norm_fa(text))


def _wave_prison_city(sentence: str) -> str:
    from pipeline.extraction.places import gazetteer

    g = gazetteer()
    norm = norm_fa(sentence)
    for m in _PRISONS_OF.finditer(norm):
        w = re.match(r"(?:the city of\s+)?([A-Z][\w-]+|[\u0621-\u064a\u067e-\u06cc]+)",
                     norm[m.end() :])
        if not w:
            continue
        word = w.group(1)
        rec = g.latin_primary.get(fold(word)) if word.isascii() else g.arabic.get(word)
        if rec is not None and rec[2] == "IR":
            return rec[1]
    return ""  # a prison alone ("at Gohardasht") does not name the city: the wave stays IR


def _is_statement(row: EventRow) -> bool:
    return row.how.endswith(("pub_statement", "+said"))


def _merge(rows: list[EventRow]) -> list[EventRow]:
    """Drop a row that a finer row of the same type restates: same date or a coarser prefix of
    it, and no city (or the same city). Keeps text order."""
    keep: list[EventRow] = []
    for r in rows:
        covered = any(
            o is not r and o.event_type == r.event_type and o.date.startswith(r.date)
            and _is_statement(o) == _is_statement(r)
            and not (r.city and ":dated" in r.how and o.date != r.date)
            and (o.date != r.date or (not r.city and o.city))
            and (not r.city or r.city == o.city) and (not r.country or r.country == o.country
                                                      or not r.city and r.country == "IR")
            for o in rows)
        # a headline dated only by publication ("... to hold rally in Berlin") restates the
        # dated event of the same city reported in the body
        covered = covered or (r.how.endswith((":pub", ":pub_recent")) and any(
            o is not r and o.country == r.country and (o.city == r.city or not r.city)
            and ":dated" in o.how and o.date[:4] == r.date[:4] and o.event_type != "other"
            for o in rows))
        if not covered:
            keep.append(r)
    return keep


def extract_events(text: str, ctx: DateContext) -> list[EventRow]:
    """Event candidates of one report text, in text order."""
    sents: list[Span] = sentences(text)
    out: list[EventRow] = _waves(text, sents, ctx)
    seen: set[tuple[str, str, str, str]] = {(e.event_type, e.date, e.city, e.country)
                                            for e in out}
    last: DateHit | None = None
    prev: EventRow | None = None
    base = ctx
    site: tuple[str, str] | None = None  # (city, country) of the last landmark named
    court: tuple[str, str] | None = None  # (city, country) of the last court named with its city
    dated_at = -2  # index of the last sentence that gave a dated event
    un_named = False  # the text has mentioned UN experts / rapporteurs
    seen_lines: set[str] = set()
    # the dateline of a wire story ("STOCKHOLM, May 4 (Reuters) -"): where a trial or a verdict
    # that names no place of its own happens
    story_line = next((p for p in (dateline_city(x.text) for x in sents[:3]) if p), None)
    for idx, sent in enumerate(sents):
        s_text = sent.text
        if _BOILERPLATE.search(s_text):
            continue  # navigation, tags, "Related:", "See also:" lines are not the report's text
        if is_furniture(s_text):
            continue  # photo captions, credits, "FILE" lines: not a report of a happening
        folded = fold(s_text)
        if folded in seen_lines:
            continue  # a headline or line repeated on the page is one mention, not two events
        seen_lines.add(folded)
        prev_site = site
        prev_court = court
        for p in find_cities(s_text):
            surface = s_text[p.start : p.end]
            for m in re.finditer(re.escape(surface), s_text):
                if _COURT_CITY.match(s_text[m.end() : m.end() + 30].lstrip()) or re.search(
                        r"\bcourt\b[^.]{0,12}$", s_text[max(0, m.start() - 20) : m.start()],
                        re.I):
                    court = (p.city, p.country)
        marks = find_landmarks(s_text)
        if marks:
            site = (marks[-1].city, marks[-1].country)
        all_hits = find_dates(s_text, ctx)
        hits = [h for h in all_hits if not _is_anchor(s_text, h)]
        # a month-day date without a year takes the year the narrative last named
        named = [h for h in all_hits if h.kind == "explicit" and h.precision != "year"]
        ctx = replace(base, year=int(named[-1].iso[:4])) if named else ctx
        norm = norm_fa(s_text)
        trig = _event_type(norm if not s_text.isascii() else s_text)
        if trig is None and prev is not None and _CONTINUATION.search(s_text) and not hits:
            # "These activities were carried out in Tehran, Isfahan, ...": the previous event
            cities = find_cities(s_text)
            if cities:
                for p in cities:
                    key = (prev.event_type, prev.date, p.city, p.country)
                    if key in seen:
                        continue
                    seen.add(key)
                    ev = evidence(text, sent, sent.start + p.start, sent.start + p.end)
                    out.append(EventRow(prev.event_type, prev.date, prev.date_precision, p.city,
                                        p.country, prev.organizer, ev, sent.start + p.start,
                                        "continuation"))
            continue
        weak = False
        if trig is None and un_named:
            m = _UN_DOC_BACK.match(s_text)
            if m:  # "The letter, sent on 3 September 2020, ...": the UN letter named before
                trig = ("un_report" if m.group(1).lower() == "report" else "un_statement", 0)
        if norm and _UN_NAMED.search(norm):
            un_named = True
        if trig is None:
            trig = _weak_trigger(norm, hits, prev)
            weak = trig is not None and trig[0] == "other" and not _HELD.search(norm)
        if trig is None:
            continue
        etype, at = trig
        if etype in ("trial", "court_ruling") and _IRREALIS.search(norm[max(0, at - 50) : at]):
            continue  # "called for them to be put on trial", «نأمل ... محاكمة»: not a happening
        if _WOULD.search(s_text[max(0, at - 30) : at]):
            continue  # "said Tehran would summon the envoy"
        reaction = _REACTION.search(s_text)
        if etype in ("trial", "court_ruling") and reaction and reaction.start() < at and \
                _IRAN_SUBJECT.search(s_text):
            etype, at = "other", reaction.start()  # Iran's reaction to a foreign court
        hits = [h for h in hits if not _in_who_clause(s_text, h, at)
                and not _UNTIL.search(norm[max(0, h.start - 14) : h.start])]
        coref = bool(_COREF.search(norm[max(0, at - 8) : at]))
        if coref and not hits:
            continue  # a later mention of an event already reported
        # a wave-era year is the event's date only for "other" events that are not statements
        # about the killings ("a group in London says the 1988 executions ...")
        said_text = _ACCORDING_REPORTS.sub(" ", norm)  # an attribution, not a statement
        said_text = _POSTPOSED.sub("", said_text)  # "..., Radio Farda reported."
        statement_about_wave = _STATEMENT.search(said_text) and _WAVE.search(norm)
        cand = [h for h in hits if int(h.iso[:4]) not in _WAVE_RANGE or h.precision == "day"
                or (etype == "other" and not statement_about_wave)]
        line_end = _dateline_end(s_text)
        if line_end and any(h.start >= line_end for h in cand):
            # "Stockholm, April 15, 2022 - The trial ... ended on Thursday": the dateline's date
            # is when the report was filed
            cand = [h for h in cand if h.start >= line_end]
        date = _pick_date(cand, at)
        if date is None and idx + 1 < len(sents) and _DATE_ONLY.match(sents[idx + 1].text):
            nxt = [h for h in find_dates(sents[idx + 1].text, ctx) if h.precision == "day"]
            date = nxt[0] if nxt else None  # "Westminster Hall debate: ..." over its date line
        how = f"{etype}:dated"
        if date is None and coref:
            continue  # "The report ... says the killings began in 1988": a later mention
        if date is None:
            statement = etype == "other" and _STATEMENT.search(said_text)
            if hits and not statement:
                continue  # only wave-era years in view: not a datable later event
            if _PAST_PERFECT.search(norm[max(0, at - 30) : at + 40]):
                continue  # "had announced", «اعلام کرده بود»: background told before, undated
            recent = _PRESENT_PERFECT.search(s_text[max(0, at - 12) : at])
            date = _pub_hit(ctx) if statement or recent else (last or _pub_hit(ctx))
            how = f"{etype}:" + ("pub_statement" if statement else "pub_recent" if recent
                                 else "inherit" if last else "pub")
            if date is None:
                continue
            if _HABITUAL.search(norm):
                continue  # "families have long faced ...", "every year ...": no one happening
            if how.endswith("inherit") and idx != dated_at + 1 and not find_cities(s_text) \
                    and not (prev_site and SITE_REFERENCE.search(norm_fa(s_text))):
                # an undated, unplaced trigger that does not follow the dated event directly is
                # mostly background ("the families have received heavy sentences", "the
                # publication of a recording ..."): inheriting the last date is a guess
                continue
            known = [e for e in out if e.event_type == etype and e.date == date.iso]
            new_city = any(c and all(e.city != c for e in known)
                           for c, _ in _places(s_text, etype))
            if known and not new_city:
                continue  # an undated mention of an event already reported
        elif date.kind != "bare_year" or last is None:
            last = date
        if how.endswith(":dated"):
            dated_at = idx
        places = _places(s_text, etype)
        said_now = etype == "other" and bool(weak or _STATEMENT.search(said_text))
        if said_now:
            # a statement is placed at its speaker, not at the site it is about ("Amnesty said
            # the authorities must halt plans to build over the Khavaran mass grave")
            marks_here = {p.city for p in marks}
            places = [(c, cc) for c, cc in places if not c or c not in marks_here] or \
                [("", "IR")]
        elif prev_site and not any(c for c, _ in places) and \
                SITE_REFERENCE.search(norm_fa(s_text)):
            places = [prev_site]  # "bulldozers destroyed the site": the site named before
        if etype in ("trial", "court_ruling") and prev_court and places == [("", "IR")]:
            places = [prev_court]  # "The verdict is due on July 14": the court named before
        said = etype == "other" and bool(weak or _STATEMENT.search(said_text))
        line = dateline_city(s_text)
        if line and (said or etype in _UN_TYPES) and not any(c for c, _ in places):
            places = [(line.city, line.country)]  # "GENEVA (10 December 2020) - UN experts .."
        if said:
            how += "+said"
            # a statement is made in one place (the speaker's); other cities are its topic
            places = [("", "")] if places == [("", "IR")] else places[:1]
        if etype == "other" and reaction and _IRAN_SUBJECT.search(s_text) and \
                reaction.start() <= at + 1 and not any(c for c, _ in places):
            line = dateline_city(s_text)
            places = [(line.city if line and line.country == "IR" else "", "IR")]
        if etype in ("trial", "court_ruling") and story_line is not None and \
                not any(c for c, _ in places) and (places in ([("", "IR")], [("", "")]) or any(
                    cc == story_line.country for _, cc in places)):
            places = [(story_line.city, story_line.country)]  # the wire story's dateline city
        body = _UN_BODY.search(s_text) or (_BODY_NAMED.search(s_text) if etype == "un_statement"
                                            and not any(c for c, _ in places) else None)
        if body and etype in ("un_report", "un_statement", "other", "conference"):
            places = [UN_SEATS[body.group("body").lower()]]  # the body's seat is the place
            if re.search(r"\breport\b", s_text, re.I) and etype != "un_statement":
                etype = "un_report"
        if etype == "other" and _ARREST.search(norm):
            prisons = _prison_cities(s_text)
            places = [(c, cc) for c, cc in places if c not in prisons] or [("", "IR")]
        fine = [h for h in cand if h.precision in ("day", "month") and h.kind != "anniversary"]
        sentence_date = date
        # a letter's sending date and its publication date are two events
        extra_dates = [h for h in fine if h.iso != date.iso] if (
            etype in ("un_statement", "other") and how.endswith(":dated")
            and re.search(r"\b(?:letter|communication)\b|نامه|رسالة", norm, re.I)
            and re.search(norm_fa(r"\b(?:sent|dated|wrote|written|addressed)\b|فرستاد|ارسال|"
                                  r"أرسل|ارسل|بعث"), norm, re.I)
            and re.search(norm_fa(r"\b(?:published|made public|released|posted|disclosed)\b|"
                                  r"منتشر|انتشار|نشر"), norm, re.I)) else []
        kinds = [etype, *_joined_types(norm if not s_text.isascii() else s_text, etype)]
        jobs = [(k, c, cc, None) for k in kinds for c, cc in places] + \
            [(etype, c, cc, h) for h in extra_dates[:1] for c, cc in places]
        for etype, city, country, fixed in jobs:  # noqa: B020 - one row per job
            date = fixed or sentence_date
            if fixed is None and len(fine) > 1 and city and city in s_text and \
                    how.endswith(":dated"):
                # "hearings in London in June 2012 and a verdict at The Hague in October 2012":
                # each city takes the date written nearest to it
                at_city = s_text.find(city)
                date = min(fine, key=lambda h: abs(h.start - at_city))
            key = (etype, date.iso, city, country)
            if key in seen:
                continue
            seen.add(key)
            focus = s_text.find(city) if city and city in s_text else at
            ev = evidence(text, sent, sent.start + max(focus, 0), sent.start + max(focus, 0) + 1)
            row = EventRow(etype, date.iso, date.precision, city, country, _organizer(s_text), ev,
                           sent.start + at, how)
            out.append(row)
            if etype != "other":
                prev = row
    out.sort(key=lambda e: e.start)
    return _merge(out)


# a report "to be debated" at a UN body happens at the body's seat
_UN_BODY = re.compile(r"\b(?:debated|discussed|presented|considered|examined|reviewed|tabled|"
                      r"debate|discussion|presentation)\s+(?:at|by|in|before|to)\s+(?:the\s+)?"
                      r"(?:UN\s+|U\.N\.\s+|United Nations\s+)?(?P<body>Human Rights Council|"
                      r"General Assembly|Third Committee|Security Council)", re.I)
_BODY_NAMED = re.compile(r"\b(?P<body>Human Rights Council|General Assembly|Third Committee|"
                         r"Security Council)(?:[’']s\s+(?P<sub>Third Committee))?\b")
UN_SEATS = {"human rights council": ("Geneva", "CH"), "general assembly": ("New York", "US"),
            "third committee": ("New York", "US"), "security council": ("New York", "US")}
# two kinds of event held together ("a rally and an exhibition"): one row each
_GATHERING_TYPES = ("protest", "exhibition", "commemoration", "conference")
# the connector alone, with an article and up to two adjectives: "a rally and a photo
# exhibition", «بمسيرة ومعرض»; not "rallies in Berlin and Paris to commemorate"
_JOINED_ONLY = re.compile(r"\s*(?:,\s*)?(?:(?:and|as well as|along with|together with|alongside|"
                          r"combined with|followed by)\s+(?:(?:an?|the|their|its)\s+)?"
                          r"(?:[\w-]+\s+){0,2}?|و\s*|،\s*)", re.I)
# an arrest is placed where it happened, not at the prison the person was taken to
_ARREST = re.compile(norm_fa(r"\barrest(?:ed)?\b|\bdetained\b|بازداشت|دستگیر|اعتقال"), re.I)
_PRISON = re.compile(norm_fa(r"\bEvin\b|اوین|\bGohardasht\b|گوهردشت|\bRaja(?:e)?i[ -]Shahr\b|"
                             r"رجایی ?شهر|\bQezel ?Hesar\b|قزلحصار"), re.I)


def _prison_cities(sentence: str) -> set[str]:
    """Cities a sentence names only as the seat of a prison ("Evin prison", "Tabriz prison")."""
    out = {p.city for p in find_landmarks(sentence) if _PRISON.search(
        norm_fa(sentence[p.start : p.end]))}
    for p in find_cities(sentence):
        after = sentence[p.end : p.end + 20]
        before = sentence[max(0, p.start - 20) : p.start]
        if re.match(r"(?:[’']s)?\s+(?:[Cc]entral\s+)?[Pp]rison", after) or re.search(
                r"[Pp]rison (?:of|in)\s+$|زندان\s*$", before):
            out.add(p.city)
    return out


def _joined_types(sentence: str, first: str) -> list[str]:
    """Other gathering types held together with the first ("a rally and an exhibition")."""
    if first not in _GATHERING_TYPES:
        return []
    spans = {}
    for etype, rx in _TRIGGER_RX:
        if etype in _GATHERING_TYPES:
            m = rx.search(sentence)
            if m:
                spans[etype] = m
    out = []
    for etype, m in spans.items():
        if etype == first:
            continue
        a, b = sorted((spans[first], m), key=lambda x: x.start())
        between = sentence[a.end() : b.start()]
        if _JOINED_ONLY.fullmatch(between):
            out.append(etype)
    return out


# a government's reaction to a court ("Iran on Friday condemned the life sentence ..."): the
# reaction is the event (other), placed with the reacting government, not at the court
_REACTION = re.compile(r"\b(?:condemned|denounced|critici[sz]ed|rejected|welcomed|slammed|"
                       r"protested|dismissed|summoned)\b", re.I)
_IRAN_SUBJECT = re.compile(r"^(?:[A-Z][A-Z .'-]+,[^-–—]{0,40}[-–—]\s*)?(?:Iran|Tehran|"
                           r"Iranian|The Islamic Republic)\b(?:[’']s)?")
# "said Tehran would summon the envoy": a hypothetical, not a happening
_WOULD = re.compile(r"\b(?:would|could|might|may|threatened to|vowed to)\s+(?:\w+\s+){0,2}$",
                    re.I)


def _pub_hit(ctx: DateContext) -> DateHit | None:
    p = ctx.pub
    if p.year is None:
        if ctx.anchor_year:
            return DateHit(0, 0, f"{ctx.anchor_year:04d}", "year", "relative")
        return None
    if p.month is None:
        return DateHit(0, 0, f"{p.year:04d}", "year", "relative")
    return DateHit(0, 0, f"{p.year:04d}-{p.month:02d}", "month", "relative")
