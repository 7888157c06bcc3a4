"""Event trigger vocabulary and the sentence-level patterns the event rules use.

Kept apart from ``events.py`` (which walks a text sentence by sentence) so that the word lists
- English, Persian and Arabic triggers, the execution-wave vocabulary, UN bodies and their
seats, reactions, arrests and prisons - can be read and extended in one place.
"""

from __future__ import annotations

import re

from pipeline.report_assistant.dates import norm_fa
from pipeline.report_assistant.places import find_cities, find_landmarks

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
    ("court_ruling", r"\b(?:[Cc]ourt|judges?)\b[^.]{0,40}\b(?:refused|rejected|dismissed|"
     r"ordered)\b|"
     r"\bsentenced\b|\bverdict\b|\bfound\b[^.]{0,40}\bguilty\b|\bupheld\b|"
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
     r"\bhunger strike\b|\bmarch(?:ed)? (?:to|through|from)\b|"
     r"تظاهرات|تجمع|اعتراض|تظاهر|احتجاج|مظاهرة|"
     r"\bsit-ins?\b|وقفة|مسيرة|اعتصام"),
    ("commemoration", r"\b(?:gathered|assembled) at (?:the )?(?:Khavaran|[\w ]{0,20}cemetery|"
     r"[\w ]{0,20}graves?)\b|\bcommemorat\w*|\bceremon(?:y|ies)\b|\bvigils?\b|"
     r"\bmemorial (?:service|"
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
     r"(?:فایل|نوار|گزارش|بیانیه)[^.]{0,60}منتشر (?:کرد|شد)|(?:نشر|أصدر)\S*\s[^.]{0,80}"
     r"(?:تسجيل|تقرير|بيان)|می ?گوید"),
    # a report to be presented or debated at a UN body (the body may be named only in a header)
    ("un_report", r"\b(?:will|to)\s+(?:discuss|debate|consider|examine|review)\b[^.]{0,40}"
     r"\breport\b|"
     r"\breport\b[^.]{0,80}\b(?:will|is to|are to|to)\s+be\s+(?:presented|debated|"
     r"discussed|tabled|considered)\b|تقرير\S*\s[^.]{0,40}(?:سيناقش|ستناقش|سيعرض|سيقدم)"),
    # a resolution adopted (the title line of an OCR'd UN resolution); findings to be presented
    # a committee hearing witnesses; a complaint filed
    ("conference", r"\b(?:committee|subcommittee|parliament\w*|[Ss]enate|hearing)\b[^.]{0,40}"
     r"\bheard\b|"
     r"\bheard (?:testimony|evidence) from\b"),
    ("other", r"\b(?:complaint|lawsuit|petition|case)\b[^.]{0,25}\b(?:was|were|been)? ?filed\b|"
     r"\bfiled (?:a |the )?(?:criminal )?(?:complaint|lawsuit|petition|case)\b"),
    ("un_statement", r"\bresolution\b[^;]{0,60}?\badopted (?:on|by)\b|"
     r"\b[Rr]esolution adopted by\b|\b[Dd]ecision adopted by\b"),
    ("trial", r"\bcourt\b[^.]{0,30}\bheld (?:a |its )?(?:\w+ )?(?:hearings?|sessions?)\b|"
     r"\bretrial\b"),
    ("un_report", r"\b(?:will|to)\s+present\b[^.]{0,40}\b(?:report|findings)\b|"
     r"(?:قدم|قدمت)\S*\s[^.]{0,60}تقرير"),
    # a report to be examined, in Persian; an NGO's release of testimony, images, evidence
    ("un_report", r"گزارش[^.]{0,80}(?:بررسی|ارائه) (?:خواهد|می ?شود|شود)"),
    ("other", r"\b(?:published|released|issued)\s+(?:(?:a|an|its|their|new|the)\s+)*(?:[\w-]+\s+)"
     r"{0,2}?(?:report|testimon\w*|images|evidence|findings|statement|list|documents?|video|"
     r"recordings?)\b"),
    # a session or meeting to be held, in Persian and Arabic
    ("conference", r"نشست[^.]{0,80}برگزار|جلسة[^.]{0,60}(?:عقد|تعقد|ستعقد|يعقد)"),
    # a letter sent or published, in Persian and Arabic (English "letter" is a trigger above)
    ("other", r"نامه[^.]{0,120}(?:ارسال|منتشر|فرستاد)|رسالة[^.]{0,120}(?:أرسل|ارسل|نشر|بعث)"),
)
# the text is matched after norm_fa (Arabic ي/ك -> Persian ی/ک), so the patterns are too
TRIGGER_RX = [(t, re.compile(norm_fa(p), re.I)) for t, p in TRIGGERS]

# the 1988 killings (or another execution wave) mentioned with a time anchor
WAVE = re.compile(
    r"\bmassacre[sd]?\b|\bexecut(?:ed|ions?)\b|\bkillings\b|\bkilled\b|\bput to death\b|"
    r"\bmass (?:execution|killing)s?\b|\bwave of (?:arrests|executions)\b|"
    r"\bto (?:their|his|her) deaths?\b|\bhang(?:ed|ings?)\b|\bdeath (?:commission|committee|"
    r"panel)\b|هیئت مرگ|هیات مرگ|لجنة الموت|"
    r"اعدام|قتل ?عام|به قتل|کشتار|کشته|مجزرة|مذبحة|إعدام|أعدم|اعدام",
    re.I)
WAVE_YEARS = {"1988", "1367", "67", "1981", "1360", "1366", "1987", "1989"}
# "1988 massacre", "summer of 1988" in a sentence that is about something else

def event_type(sentence: str) -> tuple[str, int] | None:
    """The first event type whose trigger occurs in a sentence, with the trigger's offset."""
    for etype, rx in TRIGGER_RX:
        m = rx.search(sentence)
        if m:
            return etype, m.start()
    return None


# a report "to be debated" at a UN body happens at the body's seat
UN_BODY = re.compile(r"\b(?:debated|discussed|presented|considered|examined|reviewed|tabled|"
                      r"debate|discussion|presentation)\s+(?:at|by|in|before|to)\s+(?:the\s+)?"
                      r"(?:UN\s+|U\.N\.\s+|United Nations\s+)?(?P<body>Human Rights Council|"
                      r"General Assembly|Third Committee|Security Council)", re.I)
BODY_NAMED = re.compile(r"\b(?P<body>Human Rights Council|General Assembly|Third Committee|"
                         r"Security Council)(?:[’']s\s+(?P<sub>Third Committee))?\b")
UN_SEATS = {"human rights council": ("Geneva", "CH"), "general assembly": ("New York", "US"),
            "third committee": ("New York", "US"), "security council": ("New York", "US")}
# two kinds of event held together ("a rally and an exhibition"): one row each
GATHERING_TYPES = ("protest", "exhibition", "commemoration", "conference")
# the connector alone, with an article and up to two adjectives: "a rally and a photo
# exhibition", «بمسيرة ومعرض»; not "rallies in Berlin and Paris to commemorate"
JOINED_ONLY = re.compile(r"\s*(?:,\s*)?(?:(?:and|as well as|along with|together with|alongside|"
                          r"combined with|followed by)\s+(?:(?:an?|the|their|its)\s+)?"
                          r"(?:[\w-]+\s+){0,2}?|(?:[اةىً]?\s+[\u0600-\u06ff]{2,12})?"
                          r"[اةىً]?\s*و\s*|،\s*)", re.I)
# an arrest is placed where it happened, not at the prison the person was taken to
ARREST = re.compile(norm_fa(r"\barrest(?:ed)?\b|\bdetained\b|بازداشت|دستگیر|اعتقال"), re.I)
PRISON = re.compile(norm_fa(r"\bEvin\b|اوین|\bGohardasht\b|گوهردشت|\bRaja(?:e)?i[ -]Shahr\b|"
                             r"رجایی ?شهر|\bQezel ?Hesar\b|قزلحصار"), re.I)


def prison_cities(sentence: str) -> set[str]:
    """Cities a sentence names only as the seat of a prison ("Evin prison", "Tabriz prison")."""
    out = {p.city for p in find_landmarks(sentence) if PRISON.search(
        norm_fa(sentence[p.start : p.end]))}
    for p in find_cities(sentence):
        after = sentence[p.end : p.end + 20]
        before = sentence[max(0, p.start - 20) : p.start]
        if re.match(r"(?:[’']s)?\s+(?:[Cc]entral\s+)?[Pp]rison", after) or re.search(
                r"[Pp]rison (?:of|in)\s+$|زندان\s*$", before):
            out.add(p.city)
    return out


def joined_types(sentence: str, first: str) -> list[str]:
    """Other gathering types held together with the first ("a rally and an exhibition")."""
    if first not in GATHERING_TYPES:
        return []
    spans = {}
    for etype, rx in TRIGGER_RX:
        if etype in GATHERING_TYPES:
            m = rx.search(sentence)
            if m:
                spans[etype] = m
    out = []
    for etype, m in spans.items():
        if etype == first:
            continue
        a, b = sorted((spans[first], m), key=lambda x: x.start())
        between = sentence[a.end() : b.start()]
        if JOINED_ONLY.fullmatch(between):
            out.append(etype)
    return out


# a government's reaction to a court ("Iran on Friday condemned the life sentence ..."): the
# reaction is the event (other), placed with the reacting government, not at the court
REACTION = re.compile(r"\b(?:condemned|denounced|critici[sz]ed|rejected|welcomed|slammed|"
                       r"protested|dismissed|summoned)\b", re.I)
IRAN_SUBJECT = re.compile(r"^(?:[A-Z][A-Z .'-]+,[^-–—]{0,40}[-–—]\s*)?(?:Iran|Tehran|"
                           r"Iranian|The Islamic Republic)\b(?:[’']s)?")
# "said Tehran would summon the envoy": a hypothetical, not a happening
WOULD = re.compile(r"\b(?:would|could|might|may|threatened to|vowed to)\s+(?:\w+\s+){0,2}$",
                    re.I)


# UN bodies in English, Persian and Arabic, and their seats: a report "to be debated" at a body,
# a resolution voted there, happen at the seat
_SEATS: tuple[tuple[str, tuple[str, str]], ...] = (
    (r"Human Rights Council|مجلس حقوق الإنسان|مجلس حقوق الانسان|شورای حقوق بشر",
     ("Geneva", "CH")),
    (r"General Assembly|Third Committee|Security Council|الجمعية العامة|اللجنة الثالثة|مجلس الأمن|"
     r"مجمع عمومی|کمیته سوم|شورای امنیت", ("New York", "US")),
)
_SEAT_RX = [(re.compile(norm_fa(p), re.I), seat) for p, seat in _SEATS]
DEBATE = re.compile(norm_fa(
    r"\b(?:debated|discussed|presented|considered|examined|reviewed|tabled|debate|discussion|"
    r"presentation|discuss|consider|examine|present)\b|قدم|قدمت|عرضت|سيناقش|ستناقش|يناقش|تناقش|مناقشة|سيعرض|سيقدم|"
    r"بررسی خواهد|ارائه خواهد|بررسی شود|ارائه شود|بررسی می ?شود|"
    r"مورد بررسی"), re.I)


def seat_named(sentence: str) -> tuple[tuple[str, str], int] | None:
    """The seat of the first UN body a sentence names, with the name's offset."""
    norm = norm_fa(sentence)
    found = [(m.start(), seat) for rx, seat in _SEAT_RX for m in [rx.search(norm)] if m]
    if not found:
        return None
    at, seat = min(found)
    return seat, at


# a long protest told by its end and its length ("ended a sit-in ... that had lasted forty-two
# days"): it is dated by its start
ENDED_AFTER = re.compile(r"\b(?:ended|ending|called off|concluded|broke)\b[^.]{0,120}?\b(?:lasted|"
                         r"after|for)\s+(?:some\s+|about\s+)?(?P<n>\d+|[a-z]+(?:-[a-z]+)?)\s+"
                         r"(?P<unit>days|weeks)\b", re.I)
# a protest running "for the past 30 days" is dated by its start (publication - duration)
RUNNING_FOR = re.compile(r"\b(?:for|over)\s+(?:the\s+)?(?:past|last)\s+"
                         r"(?P<n>\d+|[a-z]+(?:-[a-z]+)?)\s+"
                         r"(?P<unit>days|weeks|months)\b", re.I)
# "on the same day", «همان روز», «في اليوم نفسه»: the previous event's day and place
SAME_DAY = re.compile(norm_fa(r"\b(?:on\s+)?(?:that|the)\s+same\s+day\b|همان روز|"
                              r"في اليوم نفسه|في نفس اليوم"), re.I)
# a UN document's header: "Distr.: General 10 October 2024" is the date of the document
UN_DOC_HEADER = re.compile(r"\bDistr\.?\s*:?\s*(?:General|Limited|Restricted)\b", re.I)
