"""Who states a figure: attribution around reporting verbs in English, Persian and Arabic.

The claimant is the party making the statement - "according to X", "X said/estimated/puts",
a quotation's speaker, "the group said" (the party named before), «به گفته X», «قالت X إن»,
"X می‌گویند", an article's named authors - and only otherwise the publisher that hosts the text.
Parties the corpus quotes most in Persian/Arabic are written in English (``PARTIES``).
"""

from __future__ import annotations

import re

from pipeline.report_assistant.dates import norm_fa

# who states a figure: "according to X", "X said/estimated/puts ...", Persian/Arabic forms
NAME = r"(?P<who>(?:[A-Z][\w’'.-]*|al-|of|for|the|and)(?:[\s-]+(?:[A-Z][\w’'.-]*|of|for|the|and" \
    r"|al-)){0,7})"
VERBS = (r"said|says|say|suspects?|alleges?|accuses?|estimated|estimates|put|puts|reported|"
          r"reports|stated|states|claimed|"
          r"claims|wrote|writes|noted|notes|observes|observed|told|believes|believed|documented|recorded|verified|"
          r"found|counted|estimate|called|have called|has called|suggests?|announced|"
          r"sentenced|ruled|condemned|expressed|warned|urged|demanded|compiled|has compiled|"
          r"have compiled|identified|listed|registered")
# "today", "also", "on Tuesday" between a party and its verb
ADVERB = (r"(?:\s+(?:today|also|now|yesterday|recently|again|on (?:Monday|Tuesday|Wednesday|"
           r"Thursday|Friday|Saturday|Sunday)))?")
_UN_PARTY = (r"(?P<who>(?:UN|U\.N\.|United Nations)(?: human rights)? (?:experts|rapporteurs|"
             r"[Ss]pecial [Rr]apporteurs?))")
_ATTRIB: tuple[re.Pattern[str], ...] = (
    # "organisers claimed more than 10,000", "..., organisers said.": a party named by its role
    re.compile(r"(?:,\s+)?\b(?P<who>(?:the\s+)?(?:[Ii]ndependent\s+|[Ll]ocal\s+)?(?i:speakers"
               r"(?:\s+at\s+the\s+\w+)?|researchers|organi[sz]ers|police|activists|"
               r"witnesses|officials|residents|relatives|protesters|rights groups|human rights "
               r"groups))(?:,?\s+who)?\s+(?:have\s+|has\s+)?(?:said|say|says|claimed|claim|"
               r"estimated|estimate|put|puts|reported|counted)\b"),
    # "according to human rights groups", "according to local activists": a described party
    re.compile(r"\b(?i:according to)\s+(?P<who>(?:(?:the|some|several|local|international|"
               r"independent|Iranian|Kurdish|exiled|opposition)\s+)?(?:[a-z]+\s+){0,2}"
               r"(?:groups|organi[sz]ations|activists|sources|monitors|campaigners|observers|"
               r"families|survivors|witnesses|lawyers|researchers|officials|experts|relatives|"
               r"mourners|residents|eyewitnesses|prisoners|detainees)(?: of (?:the )?(?:victims|"
               r"prisoners|the executed))?)\b"),
    # a quotation and its speaker after it: '"... 2,000 ...," said Maria Lopez', '“... 700
    # ...,” Iran Human Rights said'
    re.compile(r",\s*[”\"’]\s+(?:said|says|added|stated|wrote|told\s+\w+)\s+(?:the\s+)?" + NAME),
    re.compile(r",\s*[”\"’]\s+(?:the\s+)?" + NAME + r"\s+(?:said|says|added|stated|wrote|"
               r"told)\b"),
    # '"... nine graves ...," the experts said.': a quotation's speaker named by role
    re.compile(r",\s*[”\"’]\s+(?P<who>(?:the|a|an)\s+(?:[a-z]+\s+){0,2}?(?:experts|rapporteurs?|"
               r"officials?|spokes(?:man|woman|person)|sources?|lawyers?|prosecutors?|witness(?:es)?|"
               r"activists?|researchers?|organi[sz]ers|families|relatives|survivors|group|"
               r"organi[sz]ation))\s+(?:said|says|added|told)\b"),
    # "..., lawyer Sara Berg told reporters.": a closing speaker, with a role before the name
    re.compile(r",\s+(?:[a-z]+\s+){1,2}" + NAME + r"\s+(?:said|says|told\s+[\w ]{1,30}?)\s*"
               r"\.?\s*$"),
    # "according to a count by the Boroumand Foundation": the party that counted
    re.compile(r"\b(?i:according to)\s+(?:an?|the|their|its)\s+(?:[a-z]+\s+)?(?:tally|count|"
               r"list|database|report|study|survey|figures?|estimates?|investigation|"
               r"documentation)\s+(?:by|of|from|compiled by|published by)\s+(?:the\s+)?" + NAME),
    # "a list compiled by the PMOI": the party that compiled the list
    re.compile(r"\b(?i:lists?|tally|count|database|records?|figures?|data|names?)\b[^.;]{0,30}?"
               r"\b(?:compiled|gathered|collected|published|released|kept|drawn up|assembled|"
               r"documented)\s+by\s+(?:the\s+)?" + NAME),
    re.compile(r"\b(?i:according to|cited by|reported by|as reported by|estimates? (?:by|of))\s+"
               r"(?:the\s+)?" + NAME),
    re.compile(r",\s+(?:says|said|added|stated|wrote|told [a-z]+)\s+(?:[a-z ]{0,30}\s)?" + NAME
               + r"\s*[.,]?$"),
    re.compile(r"\b[Ii]n (?:his|her|their|its) (?:memoirs?|book|report|letter|statement),\s+"
               + NAME),
    # a quoted line introduced by its speaker: "Maryam Rajavi: The perpetrators of ..."
    re.compile(r"(?:^|[“\"‘(]|,\s)\s*(?P<who>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3}):\s"),
    re.compile(NAME + r"(?:[’']s)?,[^.;]{3,80}?,\s+(?:has\s+|had\s+|have\s+)?(?:" + VERBS
               + r")\b"),
    re.compile(NAME + r"(?:[’']s)?" + ADVERB + r"\s+(?:has\s+|had\s+|have\s+)?(?:" + VERBS
               + r")\b"),
    re.compile(_UN_PARTY + ADVERB + r"\s+(?:have\s+)?(?:" + VERBS + r")\b"),
    re.compile(r"(?P<who>(?:[A-Z][\w.-]*\s+(?:and\s+)?)?(?:(?i:an?|other|some|alternative|human|"
               r"rights|opposition|independent|several)\s+){1,3}(?:estimations?|estimates|sources|"
               r"groups|organi[sz]ations|activists|reports))\s+(?:have\s+|has\s+)?(?:suggests?|"
               r"say|says|said|called|put|puts|estimated?|believe)\b"),
    re.compile(r"(?:به گفته|بنا بر|بنابر|طبق|به نوشته|به روایت|به گزارش)\s+"
               r"(?P<who>[\u0600-\u065f\u066a-\u06ef ]"
               r"{2,40}?)(?<!یکی)(?<!برخی)(?<!شماری)(?=[،,]|\s+(?:در|از|به|که|تعداد|حدود|بیش))"),
    # Persian "X می‌گویند ..." at the start of a sentence: X speaks
    re.compile(r"^(?P<who>[\u0600-\u065f\u066a-\u06ef\u200c ]{3,40}?)\s+(?:می[\u200c ]?گوی(?:ند|د)|"
               r"گفتند|اعلام کردند)(?:\s|$)"),
    # Arabic "قالت X إن ..."
    re.compile(r"(?:قال|قالت|أكد|أكدت|ذكر|ذكرت|أعلن|أعلنت)\s+(?P<who>[\u0600-\u065f\u066a-\u06ef ]"
               r"{3,40}?)\s+(?:إن|أن|ان)\s"),
    re.compile(r"(?:وفقا ل|وفقاً ل|بحسب|حسب|بحسب ما|وفق ما (?:أفاد|أفادت|ذكر|ذكرت|قال|قالت))\s*"
               r"(?P<who>[\u0600-\u065f\u066a-\u06ef ]{3,40}?)"
               r"(?=[،,.]|\s+(?:في|فإن|ان|أن)|\s*$)"),
)
# "the court ruled ...": a definite description of a party the text named before
_BACK_REF = re.compile(r"\b[Tt]he (?P<head>court|tribunal|commission|organi[sz]ation|group|"
                       r"committee|rapporteur)\s+(?:has\s+|had\s+)?(?:" + VERBS + r")\b")
_PRONOUN_VERB = re.compile(r"\b(?:[Hh]e|[Ss]he)\s+(?:[^.;]{0,120}?\s)?(?:" + VERBS + r")\b")
_INTRODUCED = re.compile(r"(?:^|[.!?]\s+|\n)(?P<name>[A-Z][\w'’.-]+(?:[\s-]+[A-Z][\w'’.-]+){1,3})"
                         r"\s+(?:was|is|has|had|said|became|served|wrote|[a-z]+ed)\b")
# Parties this corpus quotes most, named in Persian/Arabic: the claimant is written in English
# as the annotation rules do ("Amnesty International", not «عفو بین‌الملل»). Short and curated,
# like the landmark table in places.py.
PARTIES: tuple[tuple[str, str], ...] = (
    (r"عفو بین ?الملل|منظمة العفو الدولية|العفو الدولية", "Amnesty International"),
    (r"دیده ?بان حقوق بشر|هيومن رايتس ووتش", "Human Rights Watch"),
    (r"عدالت برای ایران|العدالة من أجل إيران", "Justice for Iran"),
    (r"گزارشگران (?:ویژه )?سازمان ملل|خبراء الأمم المتحدة|المقررون الخاصون", "UN experts"),
    (r"گزارشگر (?:ویژه )?سازمان ملل|گزارشگر ویژه|المقرر الخاص", "UN Special Rapporteur"),
    (r"خبراء (?:في|من|لدى) الأمم المتحدة|خبراء حقوق الإنسان في الأمم المتحدة", "UN experts"),
    (r"سازمان ملل|الأمم المتحدة|الامم المتحدة", "United Nations"),
    (r"مریم رجوی|مريم رجوي", "Maryam Rajavi"),
    (r"منتظری|منتظري", "Montazeri"),  # father or son: the surname matches either
    (r"شورای ملی مقاومت|المجلس الوطني للمقاومة", "National Council of Resistance of Iran"),
    (r"مجاهدین خلق|مجاهدي خلق", "PMOI/MEK"),
    (r"یکی از حاضران|یکی از شرکت ?کنندگان|أحد الحاضرين", "one of those present"),
    (r"المنظمون|المنظمين|منظمو|منظمي|برگزار ?کنندگان", "organisers"),
    (r"شاکیان|شاکی ها|المدعون|المدعين", "plaintiffs"),
    (r"فعالان حقوق بشر|فعالان حقوق بشری|ناشطون حقوقيون|ناشطين حقوقيين", "human rights activists"),
    (r"(?:این |همین )?خانواده[\u200c ]?ها(?:ی (?:اعدام|قربانیان|زندانیان)[^ ]*)?|عائلات الضحايا|"
     r"أسر الضحايا", "families"),
    (r"منظمات حقوقية|منظمات حقوق الإنسان|سازمان های حقوق بشری|نهادهای حقوق بشری|"
     r"گروه های حقوق بشری", "human rights organisations"),
    (r"المعارضة الإيرانية|المعارضة الايرانية|اپوزیسیون ایران", "Iranian opposition"),
    (r"خبرگزاری هرانا|هرانا|مجموعه فعالان حقوق بشر", "HRANA"),
    (r"المدعي العام|المدعی العام|دادستان", "prosecutor"),
    (r"رادیو ?فردا", "Radio Farda"), (r"رادیو ?زمانه", "Radio Zamaneh"),
    (r"رادیو ?آزادی", "Radio Azadi"),
    (r"ایران ?اینترنشنال|إيران إنترناشيونال", "Iran International"),
)
_PARTY_RX = [(re.compile(norm_fa(p)), name) for p, name in PARTIES]
_SAY_FA_AR = re.compile(norm_fa(r"(?<!\w)(?:گفت|گفته|خواست|اعلام کرد|نوشت|بیانیه|تخمین|برآورد|"
                                r"می ?گوید|حسب|بحسب)|"
                                r"(?<!\w)(?:أصدر\w*|[يت]?وثق\w*)(?!\w)|"
                                r"(?<!\w)(?:[وف]?(?:قال|قالت|أعلن|أعلنت|ذكر|ذكرت|أكد|أكدت|بيان|قدر|"
                                r"تقدير)|[وف]?[يت]?طالب\w*|[وف]?[يت]?دع[وا]\w*)(?!\w)"))


def _party(name: str) -> str | None:
    n = norm_fa(name)
    for rx, english in _PARTY_RX:
        if rx.search(n):
            return english
    return None


# a claimant's reach ends at these clause breaks
_CLAUSE_BREAK = re.compile(r";|\bbut\b|\bwhile\b|\bwhereas\b|\bothers\b|\bhowever\b|ولی|اما|لكن",
                           re.I)
BAD_WHO = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "Today", "Yesterday",
            "The", "This", "It", "He", "She", "They", "We", "I", "But", "And", "In", "On",
            "Iran", "Iranian", "Tehran", "However", "There", "These", "Those", "Who", "Which",
            "Researchers", "Investigators", "Analysts", "Authors", "The authors"}



def claimant_for(sentence: str, at: int, publisher: str, named: tuple[str, ...] = (),
                 before: str = "") -> str:
    """The party a figure at offset ``at`` is attributed to, else the publisher: the nearest
    attribution before the figure in the same clause, or "according to X" after it; "the
    court ruled" before the figure -> the last party named earlier whose name has "court"."""
    role = _CLOSING_ROLE.search(sentence, at)
    if role:  # "..., a court spokesman told reporters.": the source of the whole sentence
        return role.group("who")
    best = _back_ref(sentence, at, named)
    for rx in _ATTRIB:
        for m in rx.finditer(sentence):
            who = m.group("who").strip(" ,.-")
            who = re.sub(r"^(?:(?:the|of|and|for|In|On|But|And|However|Also|The)\s+)+", "", who)
            if not who or who in BAD_WHO or len(who) < 3 and norm_fa(who) not in ("او", "وی"):
                continue
            who = re.sub(r"^(?:an?|some)\s+", "", who)
            who = re.sub(r"^[A-Z][\w-]*[’']s\s+(?=[A-Z])", "", who)  # "Iran’s Special Court"
            if who.isascii() and not who[0].isupper() and not re.search(
                    r"estimat|sources|groups|organi[sz]ations|activists|reports|organi[sz]ers|"
                    r"police|witnesses|officials|residents|relatives|protesters|speakers|"
                    r"researchers|experts|survivors|mourners|families|eyewitnesses|lawyers|"
                    r"monitors|campaigners|observers|prisoners|detainees", who, re.I):
                continue
            if m.start() <= at:
                between = sentence[m.end() if m.end() <= at else at : at]
                if _CLAUSE_BREAK.search(between):
                    continue
                dist = at - m.start()
            else:
                between = sentence[at : m.start()]
                if not re.match(r",|،|وفقا|وفق ما|بحسب|حسب|به گفته|(?:according|cited|reported|"
                                r"as reported|lists?|tally|count|database|records?|figures?|"
                                r"data|names?)\b",
                                m.group(0).lstrip(), re.I) \
                        or _CLAUSE_BREAK.search(between) or "." in between:
                    continue
                closing = m.group(0).lstrip().startswith(",") and \
                    re.fullmatch(r"[\s.\"”']*", sentence[m.end() :]) is not None
                if m.start() - at > 100 and not closing:
                    continue  # "according to X" covers the figures just before it; a closing
                    # ", organisers said." covers the whole sentence
                dist = m.start() - at + 1000
            if best is None or dist < best[0]:
                best = (dist, who)
    if best is not None and norm_fa(best[1]).strip(" ،,") in ("او", "وی", "ایشان"):
        best = _pronoun_party(best[0], norm_fa(before + " " + sentence[:at]))
    if best is not None and not best[1].isascii():
        best = (best[0], _party(best[1]) or best[1])
    if best is None and not sentence.isascii() and _SAY_FA_AR.search(norm_fa(sentence)):
        # «سازمان عفو بین‌الملل ... در بیانیه‌ای ... خواست ... هزاران»: a known party speaking
        for rx, english in _PARTY_RX:
            m = rx.search(norm_fa(sentence[:at]))
            if m and not _CLAUSE_BREAK.search(sentence[m.end() : at]):
                best = (at - m.start(), english)
                break
    if best is None:
        # "he estimated that ...": the person the text last introduced by name
        for m in _PRONOUN_VERB.finditer(sentence[:at]):
            if _CLAUSE_BREAK.search(sentence[m.end() : at]):
                continue
            names = list(_INTRODUCED.finditer(before + "\n" + sentence[: m.start()]))
            if names:
                best = (at - m.start(), names[-1].group("name"))
    if best is None:
        # "The 201-page report explains that ... thousands": the owner of the report named
        # earlier in the text ("Amnesty's new report"), if the figure follows the reference
        ref = [m for m in _REPORT_REF.finditer(sentence[:at])
               if not _CLAUSE_BREAK.search(sentence[m.end() : at])]
        owners = list(_REPORT_OWNER.finditer(before + " " + sentence[: ref[-1].end("rep")])) \
            if ref else []
        if owners:
            who = (owners[-1].group("who") or owners[-1].group("who2") or "").strip()
            who = re.sub(r"^(?:(?:In|On|At|By|From|The|A|An|And|But|Also)\s+)+", "", who)
            if who and who not in BAD_WHO:
                return _un_party(who, before + " " + sentence)
    return _un_party(best[1], before + " " + sentence) if best else publisher


# "The group said", «وأضافت المنظمة», «این سازمان ... گفت»: the organisation the text named last
_ORG_BACK = re.compile(norm_fa(r"\b[Tt]he (?:group|organi[sz]ation|NGO|watchdog|rights group)\b|"
                               r"(?:قالت|أضافت|أكدت|ذكرت|أوضحت|تابعت)\s+المنظمة|"
                               r"(?:این|همین) (?:سازمان|گروه|نهاد)"))


# "..., the court said.": a closing reference to a party the text named before
_CLOSING_BACK = re.compile(r",\s+the (?P<head>court|tribunal|commission|organi[sz]ation|group|"
                           r"committee|rapporteur|ministry)\s+(?:said|says|added|stated|ruled)"
                           r"\s*\.?\s*$", re.I)


# "..., a court spokesman told reporters.", "..., an official said.": a closing source named by
# role speaks for the whole sentence, before any party named inside it
_CLOSING_ROLE = re.compile(r",\s+(?P<who>(?:an?|the)\s+(?:[a-z]+\s+){0,2}?(?:official|"
                           r"spokes(?:man|woman|person)|source|diplomat|lawyer|prosecutor|"
                           r"witness|activist|researcher|organi[sz]er))\s+(?:said|says|told\s+"
                           r"[\w ]{1,30}?)\s*\.?\s*$")


def _back_ref(sentence: str, at: int, named: tuple[str, ...]) -> tuple[int, str] | None:
    """"the court ruled" -> the last party named earlier whose name has "court"; "the group
    said", «أضافت المنظمة» -> the last party the text named speaking."""
    best = None
    for m in _BACK_REF.finditer(sentence[:at]):
        head = m.group("head").lower()[:6]
        earlier = [n for n in named if head in n.lower()]
        if earlier and not _CLAUSE_BREAK.search(sentence[m.end() : at]):
            best = (at - m.start(), earlier[-1])
    closing = _CLOSING_BACK.search(sentence, at)
    if best is None and closing:
        head = closing.group("head").lower()[:6]
        earlier = [n for n in named if head in n.lower()]
        if earlier:
            best = (closing.start() - at + 1000, earlier[-1])
    if best is None and named:
        for m in _ORG_BACK.finditer(norm_fa(sentence[:at])):
            if not _CLAUSE_BREAK.search(sentence[m.end() : at]):
                best = (at - m.start(), named[-1])
    return best


# who speaks in a sentence without a figure ("Justice for Iran published a report on Monday")
_SPEAKER = re.compile(NAME + ADVERB + r"\s+(?:has\s+|have\s+)?(?:published|released|issued|"
                      r"launched|said|says|stated|announced|called|urged|demanded|wrote)\b")


def speaker_of(sentence: str, publisher: str, named: tuple[str, ...]) -> str | None:
    """The party a sentence names as speaking, if any (for later "the group said")."""
    who = claimant_for(sentence, len(sentence), publisher, named)
    if who != publisher:
        return who
    if not sentence.isascii():
        n = norm_fa(sentence)
        hits = [(m.start(), english) for rx, english in _PARTY_RX for m in [rx.search(n)] if m]
        return min(hits)[1] if hits else None
    m = _SPEAKER.search(sentence)
    if m:
        who = re.sub(r"^(?:(?:the|of|and|for|In|On|But|And|Also|The)\s+)+", "",
                     m.group("who").strip())
        if who and who[0].isupper() and who not in BAD_WHO:
            return who
    return None


def _pronoun_party(dist: int, prior: str) -> tuple[int, str] | None:
    """«به گفته او» ("according to him"): the known party the text named last, if any; of
    overlapping names the longest («گزارشگر ویژه سازمان ملل», not «سازمان ملل»)."""
    last = max(((m.end(), -m.start(), english) for rx, english in _PARTY_RX
                for m in rx.finditer(prior)), default=None)
    return (dist, last[2]) if last else None


def _un_party(who: str, context: str) -> str:
    """A bare "Special Rapporteur" / "experts" in a text about the UN is the UN's."""
    if re.fullmatch(r"(?:the )?(?:Special Rapporteurs?|(?:human rights )?experts|"
                    r"rapporteurs?)", who, re.I) and re.search(
            r"\b(?:UN|U\.N\.|United Nations|Human Rights Council)\b", context):
        return "UN " + re.sub(r"^the ", "", who)
    return who


# who speaks in the text's own voice when it is not the publisher: a parliamentary speech
# ("Mr. Speaker, ...": the member named in the title) or a relayed piece ("Reporting by X")
_SPEECH = re.compile(r"^\s*(?:Mr\.?|Madam|Madame|Mister)\s+(?:Speaker|President|Chair)\b")
_SPEAKER_TITLE = re.compile(r"^(?P<who>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}),?\s+"
                            r"(?:statement|speech|remarks|intervention)\b", re.I)
_BYLINE = re.compile(r"^\s*(?:Reporting by|Source:|Originally published by|Republished from)\s+"
                     r"(?P<who>[^\n]{2,60}?)\s*$", re.M)


def text_voice(text: str, title: str = "") -> str | None:
    """The party speaking in the text's own voice if the text says it is not the publisher."""
    if _SPEECH.match(text):
        m = _SPEAKER_TITLE.match(title or "")
        if m:
            return m.group("who")
    m = _BYLINE.search(text[:600]) or _WIRE_BYLINE.search(text)
    if m:  # "Reporting by Anna Berg; editing by Tom Hale": the reporter, not the editor
        return re.split(r";|\s+(?i:editing|writing|additional reporting)\b", m.group("who"))[0] \
            .strip(" .,:")
    m = _AUTHORS.search(text[:600])
    if m:
        return m.group("who").strip(" .,:")  # an article's named authors speak in its voice
    return None


# a wire story's closing credit: "Reporting by Anna Berg; editing by Tom Hale"
_WIRE_BYLINE = re.compile(r"^\s*\(?(?:Reporting by|Reported by)\s+(?P<who>[A-Z][\w.'’-]+(?:\s+"
                          r"[A-Z][\w.'’-]+){1,3}(?:\s*(?:,|and)\s*[A-Z][\w.'’-]+(?:\s+"
                          r"[A-Z][\w.'’-]+){1,3})*)", re.M)
_PERSON = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}"
_AUTHORS = re.compile(r"^\s*(?:By|BY|Written by|Authors?:|Article by)\s+(?P<who>" + _PERSON
                      + r"(?:\s*(?:,|and|&)\s*" + _PERSON + r")*)\s*$", re.M)


# "The 201-page report explains that ...": the party whose report the text named before
_REPORT_REF = re.compile(r"\b(?P<rep>report|study|document)\b[^.;“\"]{0,40}?\b(?:explains|says|"
                         r"said|states|stated|finds|found|documents|documenting|reveals|revealing|shows|"
                         r"showing|concludes|notes|detailing)\b")
_REPORT_OWNER = re.compile(
    r"(?P<who>[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){0,3})(?:[’']s\s+|" + ADVERB
    + r"\s+(?:published|released|issued)\s+"
    r"(?:its|their|an?|the)?\s*)(?:[\w-]+\s+){0,2}report\b|"
    r"\breport\s+(?:by|of|from)\s+(?P<who2>[A-Z][\w.-]+(?:\s+(?:[A-Z][\w.-]+|for|of)){0,4})")
# Persian/Arabic: the next sentence names the source ("این خبر را X به رادیو آزادی گفت")
NEXT_SOURCE = re.compile(r"^(?:این خبر را|این گزارش را)\s+(?:(?:خانم|آقای|آقا|دکتر)\s+)?"
                          r"(?P<who>[\u0600-\u06ff]+(?: [\u0600-\u06ff]+)?)"
                          r"(?:\s+(?:یکی|یک|از|به)\s[\u0600-\u06ff ]{0,80})?\s+(?:گفت|اعلام کرد)")
