"""EVENT candidates: a sentence with an event trigger word, a date and a place.

Rules (reports/README.md): one event per city named in the sentence; the 1988 killings are one
``execution_wave`` per report at the finest date the first anchored mention gives; a trigger
sentence without its own date inherits the last event date of the text, else the publication
date at its precision; the same (type, date, city, country) is kept once per report.

The text is walked sentence by sentence (``extract_events``); each sentence goes through four
steps, one function each: what the sentence tells about the surroundings (``_track``: landmarks,
courts, dates), which trigger it holds (``_trigger``), which date the event gets (``_date``),
where it happened (``_where``), and the rows it gives (``_emit``). The word lists live in
``triggers.py``, the sentence-level rules in ``event_rules.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from pipeline.report_assistant.dates import DateContext, DateHit, find_dates, norm_fa
from pipeline.report_assistant.event_rules import (
    ACCORDING_REPORTS,
    BOILERPLATE,
    CONTINUATION,
    COREF,
    COURT_CITY,
    DATE_ONLY,
    HABITUAL,
    HELD,
    IRREALIS,
    PAST_PERFECT,
    POSTPOSED,
    PRESENT_PERFECT,
    RESOLUTION,
    STATEMENT,
    UN_DOC_BACK,
    UN_NAMED,
    UN_TYPES,
    UNTIL,
    WAVE_RANGE,
    EventRow,
    abroad_at_dateline,
    dateline_end,
    event_places,
    find_organizer,
    in_who_clause,
    is_anchor,
    pick_date,
    released_here,
    wave_events,
    weak_trigger,
)
from pipeline.report_assistant.places import (
    SITE_REFERENCE,
    dateline_city,
    find_cities,
    find_landmarks,
)
from pipeline.report_assistant.text import Span, evidence, fold, is_furniture, sentences
from pipeline.report_assistant.triggers import (
    ARREST,
    BODY_NAMED,
    DEBATE,
    ENDED_AFTER,
    GATHERING_TYPES,
    IRAN_SUBJECT,
    REACTION,
    RUNNING_FOR,
    SAME_DAY,
    UN_BODY,
    UN_DOC_HEADER,
    UN_SEATS,
    WAVE,
    WOULD,
    event_type,
    joined_types,
    prison_cities,
    seat_named,
)

__all__ = ["EventRow", "extract_events"]

Place = tuple[str, str]  # (city, country)


@dataclass
class _Scan:
    """What the walk over one text has learned so far."""

    text: str
    sents: list[Span]
    base: DateContext
    ctx: DateContext
    out: list[EventRow]
    seen: set[tuple[str, str, str, str]]
    last: DateHit | None = None  # the last event date
    prev: EventRow | None = None  # the last event row that is not "other"
    site: Place | None = None  # the last landmark named
    court: Place | None = None  # the last court named with its city
    dated_at: int = -2  # index of the last sentence that gave a dated event
    un_named: bool = False  # the text has mentioned UN experts / rapporteurs
    seen_lines: set[str] = field(default_factory=set)
    story_line: object = None  # the wire dateline's place ("STOCKHOLM, May 4 (Reuters) -")
    body: Place | None = None  # the seat of the last UN body named (headers included)


@dataclass
class _Sent:
    """One sentence and what it says."""

    idx: int
    span: Span
    text: str
    norm: str
    hits: list[DateHit]
    marks: list
    prev_site: Place | None
    prev_court: Place | None


@dataclass
class _Found:
    """A trigger with its date and how the date was found."""

    etype: str
    at: int
    weak: bool
    date: DateHit
    how: str
    cand: list[DateHit]
    said_text: str
    reaction: re.Match | None
    coref: bool = False  # "the protest began on May 4": a later mention with a date
    ruling_at: int | None = None  # the ruling a reaction reacts to ("condemned the verdict")


def extract_events(text: str, ctx: DateContext) -> list[EventRow]:
    """Event candidates of one report text, in text order."""
    sents: list[Span] = sentences(text)
    out: list[EventRow] = wave_events(text, sents, ctx)
    scan = _Scan(text, sents, ctx, ctx, out, {(e.event_type, e.date, e.city, e.country)
                                              for e in out})
    # the dateline of a wire story: where a trial or a verdict that names no place happens
    scan.story_line = next((p for p in (dateline_city(x.text) for x in sents[:3]) if p), None)
    for idx, span in enumerate(sents):
        sent = _track(scan, idx, span)
        if sent is None:
            continue
        found = _trigger(scan, sent)
        if found is None:
            continue
        _emit(scan, sent, found, _where(scan, sent, found))
    _un_document(scan)
    out.sort(key=lambda e: e.start)
    return _merge(out)


def _un_document(scan: _Scan) -> None:
    """A UN document's header ("Distr.: General 10 October 2024") dates the document itself:
    an un_report row without a place."""
    m = UN_DOC_HEADER.search(scan.text)
    if not m:
        return
    # the first line after "Distr.: General" that holds a day; of its dates the last (a session's
    # dates, "26 February-5 April 2024", may stand before it in the left column)
    offset, hits = m.end(), []
    for line in scan.text[m.end() : m.end() + 160].split("\n"):
        hits = [h for h in find_dates(line, scan.base) if h.precision == "day"]
        if hits:
            break
        offset += len(line) + 1
    if not hits:
        return
    h = hits[-1]
    start = offset + h.start
    key = ("un_report", h.iso, "", "")
    span = next((x for x in scan.sents if x.start <= start < x.end), None)
    if key in scan.seen or span is None:
        return
    scan.seen.add(key)
    ev = evidence(scan.text, span, start, offset + h.end)
    scan.out.append(EventRow("un_report", h.iso, h.precision, "", "", "", ev, start,
                             "un_report:header"))


def _track(scan: _Scan, idx: int, span: Span) -> _Sent | None:
    """Skip furniture and repeated lines; note landmarks, courts and the narrative's year."""
    s_text = span.text
    if BOILERPLATE.search(s_text):
        return None  # navigation, tags, "Related:", "See also:" lines are not the report's text
    if is_furniture(s_text):
        return None  # photo captions, credits, "FILE" lines: not a report of a happening
    folded = fold(s_text)
    if folded in scan.seen_lines:
        return None  # a headline or line repeated on the page is one mention, not two events
    scan.seen_lines.add(folded)
    prev_site, prev_court = scan.site, scan.court
    for p in find_cities(s_text):
        surface = s_text[p.start : p.end]
        for m in re.finditer(re.escape(surface), s_text):
            if COURT_CITY.match(s_text[m.end() : m.end() + 30].lstrip()) or re.search(
                    r"\bcourt\b[^.]{0,12}$", s_text[max(0, m.start() - 20) : m.start()], re.I):
                scan.court = (p.city, p.country)
    seat = seat_named(s_text)
    if seat:
        scan.body = seat[0]
    marks = find_landmarks(s_text)
    if marks:
        scan.site = (marks[-1].city, marks[-1].country)
    all_hits = find_dates(s_text, scan.ctx)
    hits = [h for h in all_hits if not is_anchor(s_text, h)]
    # a month-day date without a year takes the year the narrative last named
    named = [h for h in all_hits if h.kind == "explicit" and h.precision != "year"]
    scan.ctx = replace(scan.base, year=int(named[-1].iso[:4])) if named else scan.ctx
    return _Sent(idx, span, s_text, norm_fa(s_text), hits, marks, prev_site, prev_court)


def _continue_previous(scan: _Scan, sent: _Sent) -> None:
    """"These activities were carried out in Tehran, Isfahan, ...": the previous event."""
    prev = scan.prev
    for p in find_cities(sent.text):
        key = (prev.event_type, prev.date, p.city, p.country)
        if key in scan.seen:
            continue
        scan.seen.add(key)
        start = sent.span.start + p.start
        ev = evidence(scan.text, sent.span, start, sent.span.start + p.end)
        scan.out.append(EventRow(prev.event_type, prev.date, prev.date_precision, p.city,
                                 p.country, prev.organizer, ev, start, "continuation"))


def _trigger(scan: _Scan, sent: _Sent) -> _Found | None:
    """The sentence's trigger and the event's date, or None when it reports no happening."""
    s_text, norm = sent.text, sent.norm
    trig = event_type(norm if not s_text.isascii() else s_text)
    if trig is None and scan.prev is not None and CONTINUATION.search(s_text) and not sent.hits:
        _continue_previous(scan, sent)
        return None
    weak = False
    if trig is None and scan.un_named:
        m = UN_DOC_BACK.match(s_text)
        if m and re.search(r"\b(?:sent|dated|published|made public|released|issued|presented|"
                           r"transmitted|adopted|addressed)\b", s_text):
            # "The letter, sent on 3 September 2020, ...": the UN letter named before
            trig = ("un_report" if m.group(1).lower() == "report" else "un_statement", 0)
    if norm and UN_NAMED.search(norm):
        scan.un_named = True
    if trig is None:
        trig = weak_trigger(norm, sent.hits, scan.prev)
        weak = trig is not None and trig[0] == "other" and not HELD.search(norm)
    if trig is None:
        return None
    etype, at = trig
    if etype in ("trial", "court_ruling") and IRREALIS.search(norm[max(0, at - 50) : at]) and \
            not _scheduled(scan, sent, at):
        # "called for them to be put on trial" is no trial; a protest "demanding a trial" is
        # still a protest: look again with the trial's word masked
        plain = norm if not s_text.isascii() else s_text
        word = re.match(r"\S+", plain[at:])
        masked = plain[:at] + "_" * (word.end() if word else 1) + plain[at + (word.end()
                                                                            if word else 1):]
        again = event_type(masked)
        if again is None or again[0] in ("trial", "court_ruling"):
            return None
        etype, at = again
    if WOULD.search(s_text[max(0, at - 30) : at]) and not _scheduled(scan, sent, at):
        return None  # "said Tehran would summon the envoy"
    reaction = REACTION.search(s_text)
    ruling_at = None
    if reaction and reaction.start() < at and IRAN_SUBJECT.search(s_text) and (
            etype in ("trial", "court_ruling") or etype == "protest" and re.search(
                r"\bto protest\b", s_text)):
        # Iran's reaction to a foreign court ("to protest against the verdict" is its purpose,
        # not a demonstration): the reaction is the event; the ruling, if dated apart, too
        ruling_at = at if etype == "court_ruling" or re.search(r"\b(?:verdict|sentence|ruling)\b",
                                                               s_text) else None
        etype, at = "other", reaction.start()
    found = _date(scan, sent, etype, at, weak, reaction)
    if found is not None:
        found.ruling_at = ruling_at
    return found


def _scheduled(scan: _Scan, sent: _Sent, at: int) -> bool:
    """"The court said it would hand down its verdict on April 14": an explicit date after
    publication makes a reported "would" a scheduled event, not a hypothetical."""
    pub = scan.ctx.pub.date
    return pub is not None and any(h.start > at and h.kind == "explicit" and h.precision == "day"
                                   and h.iso > pub.isoformat() for h in sent.hits)


def _date(scan: _Scan, sent: _Sent, etype: str, at: int, weak: bool,
          reaction: re.Match | None) -> _Found | None:
    """The event's date: its own date nearest the trigger, else inherited or published."""
    s_text, norm, idx = sent.text, sent.norm, sent.idx
    hits = [h for h in sent.hits if not in_who_clause(s_text, h, at)
            and not UNTIL.search(norm[max(0, h.start - 14) : h.start])]
    coref = bool(COREF.search(norm[max(0, at - 8) : at]))
    if coref and not hits:
        return None  # a later mention of an event already reported
    # a wave-era year is the event's date only for "other" events that are not statements
    # about the killings ("a group in London says the 1988 executions ...")
    said_text = ACCORDING_REPORTS.sub(" ", norm)  # an attribution, not a statement
    said_text = POSTPOSED.sub("", said_text)  # "..., Radio Farda reported."
    statement_about_wave = STATEMENT.search(said_text) and WAVE.search(norm)
    cand = [h for h in hits if int(h.iso[:4]) not in WAVE_RANGE or h.precision == "day"
            or (etype == "other" and not statement_about_wave)]
    line_end = dateline_end(s_text)
    if line_end and any(h.start >= line_end for h in cand):
        # "Stockholm, April 15, 2022 - The trial ... ended on Thursday": the dateline's date is
        # when the report was filed
        cand = [h for h in cand if h.start >= line_end]
    # "arrested in 1983 and held ... until his execution in August 1988": a date written right
    # after the trigger word ("<trigger> in/on DATE") is the trigger's own
    attached = [h for h in cand if 0 < h.start - at <= 25
                and re.fullmatch(r"\S+\s+(?:in|on)\s+", s_text[at : h.start])]
    date = attached[0] if attached else pick_date(cand, at)
    if date is None and idx + 1 < len(scan.sents) and DATE_ONLY.match(scan.sents[idx + 1].text):
        nxt = [h for h in find_dates(scan.sents[idx + 1].text, scan.ctx)
               if h.precision == "day"]
        date = nxt[0] if nxt else None  # "Westminster Hall debate: ..." over its date line
    how = f"{etype}:dated"
    if date is not None and HABITUAL.search(norm) and not any(
            h.precision == "day" for h in cand):
        return None  # "every year on the last Friday of August": a practice, not a happening
    if date is None:
        if coref:
            return None  # "The report ... says the killings began in 1988": a later mention
        found = _undated(scan, sent, etype, at, hits, said_text)
        if found is None:
            return None
        date, how = found
    elif date.kind != "bare_year" or scan.last is None:
        date = _start_of_long(s_text, etype, date)
        scan.last = date
    if how.endswith(":dated"):
        scan.dated_at = idx
    return _Found(etype, at, weak, date, how, cand, said_text, reaction, coref)


def _start_of_long(s_text: str, etype: str, date: DateHit) -> DateHit:
    """A protest told by its end and its length is dated by its start."""
    m = ENDED_AFTER.search(s_text)
    if etype not in GATHERING_TYPES or date.precision != "day" or not m:
        return date
    from pipeline.report_assistant.claims import number_value

    n = number_value(m.group("n"))
    if not n or n > 400:
        return date
    days = n * (7 if m.group("unit").lower() == "weeks" else 1)
    start = dt.date.fromisoformat(date.iso) - dt.timedelta(days=days)
    return replace(date, iso=start.isoformat(), kind="relative")


def _undated(scan: _Scan, sent: _Sent, etype: str, at: int, hits: list[DateHit],
             said_text: str) -> tuple[DateHit, str] | None:
    """A trigger sentence with no date of its own: the publication date for statements and
    recent happenings, the last event date right after a dated event; else nothing."""
    s_text, norm = sent.text, sent.norm
    statement = etype == "other" and STATEMENT.search(said_text)
    if hits and not statement:
        return None  # only wave-era years in view: not a datable later event
    if PAST_PERFECT.search(norm[max(0, at - 30) : at + 40]):
        return None  # "had announced", «اعلام کرده بود»: background told before, undated
    recent = PRESENT_PERFECT.search(s_text[max(0, at - 12) : at])
    last = scan.last
    date = _pub_hit(scan.ctx) if statement or recent else (last or _pub_hit(scan.ctx))
    how = f"{etype}:" + ("pub_statement" if statement else "pub_recent" if recent
                         else "inherit" if last else "pub")
    running = _running_since(s_text, etype, scan.ctx) if recent or how.endswith(":pub") \
        else None
    if running is not None:
        return running, f"{etype}:running"
    if date is None or HABITUAL.search(norm):
        return None  # "families have long faced ...", "every year ...": no one happening
    if how.endswith("inherit") and sent.idx != scan.dated_at + 1 and not SAME_DAY.search(norm) \
            and \
            not find_cities(s_text) and not (sent.prev_site and
                                             SITE_REFERENCE.search(norm_fa(s_text))):
        # an undated, unplaced trigger that does not follow the dated event directly is mostly
        # background ("the families have received heavy sentences"): inheriting is a guess
        return None
    known = [e for e in scan.out if e.event_type == etype and e.date == date.iso]
    new_city = any(c and all(e.city != c for e in known)
                   for c, _ in event_places(s_text, etype))
    if known and not new_city:
        return None  # an undated mention of an event already reported
    return date, how


def _running_since(s_text: str, etype: str, ctx: DateContext) -> DateHit | None:
    """"have staged a sit-in ... for the past 30 days": the protest's start, counted back
    from the publication day (a month for "for the past 3 months")."""
    m = RUNNING_FOR.search(s_text)
    pub = ctx.pub
    if etype not in GATHERING_TYPES or not m or pub.date is None:
        return None
    from pipeline.report_assistant.claims import number_value

    n = number_value(m.group("n"))
    unit = m.group("unit").lower()
    if not n or n > 400:
        return None
    if unit == "months":
        month = pub.date.year * 12 + pub.date.month - 1 - n
        return DateHit(m.start(), m.end(), f"{month // 12:04d}-{month % 12 + 1:02d}", "month",
                       "relative")
    start = pub.date - dt.timedelta(days=n * (7 if unit == "weeks" else 1))
    return DateHit(m.start(), m.end(), start.isoformat(), "day", "relative")




def _where(scan: _Scan, sent: _Sent, found: _Found) -> list[Place]:
    """Where the event happened: the sentence's cities, else the site, court, dateline or UN
    body it refers to; statements only at their speaker."""
    s_text, norm, etype = sent.text, sent.norm, found.etype
    places = event_places(s_text, etype)
    said = etype == "other" and bool(found.weak or STATEMENT.search(found.said_text)
                                     or released_here(s_text, found.at))
    if said:
        # a statement is placed at its speaker, not at the site it is about ("Amnesty said
        # the authorities must halt plans to build over the Khavaran mass grave")
        marks_here = {p.city for p in sent.marks}
        places = [(c, cc) for c, cc in places if not c or c not in marks_here] or [("", "IR")]
    elif sent.prev_site and not any(c for c, _ in places) and \
            SITE_REFERENCE.search(norm_fa(s_text)):
        places = [sent.prev_site]  # "bulldozers destroyed the site": the site named before
    if etype in ("trial", "court_ruling") and sent.prev_court and places == [("", "IR")]:
        places = [sent.prev_court]  # "The verdict is due on July 14": the court named before
    line = dateline_city(s_text)
    if line and (said or etype in UN_TYPES) and not any(c for c, _ in places):
        places = [(line.city, line.country)]  # "GENEVA (10 December 2020) - UN experts .."
    if said:
        found.how += "+said"
        # a statement is made in one place (the speaker's); other cities are its topic
        places = [("", "")] if places == [("", "IR")] else places[:1]
    reaction = found.reaction
    if etype == "other" and reaction and IRAN_SUBJECT.search(s_text) and \
            reaction.start() <= found.at + 1 and (not any(c for c, _ in places)
                                                   or found.ruling_at is not None):
        places = [(c, cc) for c, cc in places if c and cc == "IR"] or \
            [(line.city if line and line.country == "IR" else "", "IR")]
    if (found.coref or SAME_DAY.search(norm)) and places in ([("", "IR")], [("", "")]) and \
            etype not in UN_TYPES:
        # "The sit-in began on May 4", «در همان روز»: the place of the event told before
        same = [e for e in scan.out if e.city and (e.event_type == etype or not found.coref)
                and e.event_type != "execution_wave"]
        places = [(same[-1].city, same[-1].country)] if same else places
    story = scan.story_line
    if etype in GATHERING_TYPES and story is not None and places in (
            [("", "IR")], [("", story.country)]) and \
            not re.search(r"\bin Iran\b|در ایران|في إيران", norm):
        places = [(story.city, story.country)]  # "PARIS, June 15 - exiles ended a sit-in ..."
    if etype in ("trial", "court_ruling") and story is not None and \
            abroad_at_dateline(s_text, story):
        places = [(story.city, story.country)]  # "A Swedish court held hearings in the Albanian
        # capital": the court sits where the dateline is
    if etype in ("trial", "court_ruling") and story is not None and \
            not any(c for c, _ in places) and (places in ([("", "IR")], [("", "")]) or any(
                cc == story.country for _, cc in places)):
        places = [(story.city, story.country)]  # the wire story's dateline city
    body = UN_BODY.search(s_text) or (BODY_NAMED.search(s_text) if etype == "un_statement"
                                      and not any(c for c, _ in places) else None)
    if body and etype in ("un_report", "un_statement", "other", "conference"):
        places = [UN_SEATS[body.group("body").lower()]]  # the body's seat is the place
        if re.search(r"\breport\b", s_text, re.I) and etype != "un_statement":
            found.etype = "un_report"
    if DEBATE.search(norm) and found.etype in ("un_report", "un_statement", "conference") and \
            not any(c for c, _ in places):
        seat = seat_named(s_text)
        body_seat = seat[0] if seat else scan.body
        if body_seat:  # "The report ... will be presented on 15 March" under a Council header
            places = [body_seat]
    if found.etype == "un_statement" and not any(c for c, _ in places) and scan.body and \
            RESOLUTION.search(s_text):
        places = [scan.body]  # "Recalling its resolution 75/191 of ..." under the body's name
    if found.etype == "other" and ARREST.search(norm):
        prisons = prison_cities(s_text)
        places = [(c, cc) for c, cc in places if c not in prisons] or [("", "IR")]
    return places


_LETTER = re.compile(r"\b(?:letter|communication)\b|نامه|رسالة", re.I)
_SENT = re.compile(norm_fa(r"\b(?:sent|dated|wrote|written|addressed)\b|فرستاد|ارسال|أرسل|ارسل|"
                           r"بعث"), re.I)
_PUBLISHED = re.compile(norm_fa(r"\b(?:published|made public|released|posted|disclosed)\b|"
                                r"منتشر|انتشار|نشر"), re.I)


def _ruling_job(s_text: str, found: _Found, reaction_date: DateHit) -> list:
    """The ruling a government reacts to, when the sentence dates it apart: its date is the
    first written after the ruling's word, its place the court's city."""
    dates = [h for h in found.cand if h.precision == "day" and h.start > found.ruling_at]
    if not dates or dates[0].iso == reaction_date.iso:
        return []
    cities = find_cities(s_text)
    city, country = (cities[0].city, cities[0].country) if cities else ("", "")
    return [("court_ruling", city, country, dates[0])] if country else []


def _emit(scan: _Scan, sent: _Sent, found: _Found, places: list[Place]) -> None:
    """One row per (kind, place): two kinds held together and a letter's sending and
    publication dates give a row each; each city takes the date written nearest to it."""
    s_text, norm, etype, how = sent.text, sent.norm, found.etype, found.how
    fine = [h for h in found.cand if h.precision in ("day", "month") and h.kind != "anniversary"]
    sentence_date = found.date
    # a letter's sending date and its publication date are two events
    two_dates = etype in ("un_statement", "other") and ":dated" in how and \
        _LETTER.search(norm) and _SENT.search(norm) and _PUBLISHED.search(norm)
    extra_dates = [h for h in fine if h.iso != sentence_date.iso] if two_dates else []
    kinds = [etype, *joined_types(norm if not s_text.isascii() else s_text, etype)]
    jobs = [(k, c, cc, None) for k in kinds for c, cc in places] + \
        [(etype, c, cc, h) for h in extra_dates[:1] for c, cc in places]
    if found.ruling_at is not None:
        jobs += _ruling_job(s_text, found, sentence_date)
    seat = seat_named(s_text) if "+said" in how and DEBATE.search(norm) else None
    if seat and fine:
        # "Amnesty said on Monday its report will be debated at the Human Rights Council on 14
        # September": the debate is an event of its own, at the body's seat
        near = min(fine, key=lambda h: abs(h.start - seat[1]))
        if near.iso != sentence_date.iso:
            jobs.append(("un_report", *seat[0], near))
    for kind, city, country, fixed in jobs:
        date = fixed or sentence_date
        if fixed is None and len(fine) > 1 and city and city in s_text and \
                how.endswith(":dated"):
            # "hearings in London in June 2012 and a verdict at The Hague in October 2012":
            # each city takes the date written nearest to it
            at_city = s_text.find(city)
            date = min(fine, key=lambda h: abs(h.start - at_city))
        key = (kind, date.iso, city, country)
        if key in scan.seen:
            continue
        scan.seen.add(key)
        focus = max(s_text.find(city) if city and city in s_text else found.at, 0)
        start = sent.span.start + focus
        ev = evidence(scan.text, sent.span, start, start + 1)
        row = EventRow(kind, date.iso, date.precision, city, country, find_organizer(s_text),
                       ev, sent.span.start + found.at, how)
        scan.out.append(row)
        if kind != "other":
            scan.prev = row

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



def _pub_hit(ctx: DateContext) -> DateHit | None:
    p = ctx.pub
    if p.year is None:
        if ctx.anchor_year:
            return DateHit(0, 0, f"{ctx.anchor_year:04d}", "year", "relative")
        return None
    if p.month is None:
        return DateHit(0, 0, f"{p.year:04d}", "year", "relative")
    return DateHit(0, 0, f"{p.year:04d}-{p.month:02d}", "month", "relative")
