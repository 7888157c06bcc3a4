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

from pipeline.extraction.dates import DateContext, find_dates, norm_fa
from pipeline.extraction.text import ascii_digits, evidence, is_furniture, sentences

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
_BEFORE_SKIP = re.compile(r"(?:Resolution|Article|No\.|number|Room|page|Ward|Section|Hall|"
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

# who states a figure: "according to X", "X said/estimated/puts ...", Persian/Arabic forms
_NAME = r"(?P<who>(?:[A-Z][\w’'.-]*|al-|of|for|the|and)(?:[\s-]+(?:[A-Z][\w’'.-]*|of|for|the|and" \
    r"|al-)){0,7})"
_VERBS = (r"said|says|say|suspects?|alleges?|accuses?|estimated|estimates|put|puts|reported|"
          r"reports|stated|states|claimed|"
          r"claims|wrote|writes|noted|told|believes|believed|documented|recorded|verified|"
          r"found|counted|estimate|called|have called|has called|suggests?|announced|"
          r"sentenced|ruled|condemned|expressed|warned|urged|demanded|compiled|has compiled|"
          r"have compiled|identified|listed|registered")
# "today", "also", "on Tuesday" between a party and its verb
_ADVERB = (r"(?:\s+(?:today|also|now|yesterday|recently|again|on (?:Monday|Tuesday|Wednesday|"
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
    re.compile(r",\s*[”\"’]\s+(?:said|says|added|stated|wrote|told\s+\w+)\s+(?:the\s+)?" + _NAME),
    re.compile(r",\s*[”\"’]\s+(?:the\s+)?" + _NAME + r"\s+(?:said|says|added|stated|wrote|"
               r"told)\b"),
    # "..., lawyer Sara Berg told reporters.": a closing speaker, with a role before the name
    re.compile(r",\s+(?:[a-z]+\s+){1,2}" + _NAME + r"\s+(?:said|says|told\s+[\w ]{1,30}?)\s*"
               r"\.?\s*$"),
    # "according to a count by the Boroumand Foundation": the party that counted
    re.compile(r"\b(?i:according to)\s+(?:an?|the|their|its)\s+(?:[a-z]+\s+)?(?:tally|count|"
               r"list|database|report|study|survey|figures?|estimates?|investigation|"
               r"documentation)\s+(?:by|of|from|compiled by|published by)\s+(?:the\s+)?" + _NAME),
    # "a list compiled by the PMOI": the party that compiled the list
    re.compile(r"\b(?i:lists?|tally|count|database|records?|figures?|data|names?)\b[^.;]{0,30}?"
               r"\b(?:compiled|gathered|collected|published|released|kept|drawn up|assembled|"
               r"documented)\s+by\s+(?:the\s+)?" + _NAME),
    re.compile(r"\b(?i:according to|cited by|reported by|as reported by|estimates? (?:by|of))\s+"
               r"(?:the\s+)?" + _NAME),
    re.compile(r",\s+(?:says|said|added|stated|wrote|told [a-z]+)\s+(?:[a-z ]{0,30}\s)?" + _NAME
               + r"\s*[.,]?$"),
    re.compile(r"\b[Ii]n (?:his|her|their|its) (?:memoirs?|book|report|letter|statement),\s+"
               + _NAME),
    # a quoted line introduced by its speaker: "Maryam Rajavi: The perpetrators of ..."
    re.compile(r"(?:^|[“\"‘(]|,\s)\s*(?P<who>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3}):\s"),
    re.compile(_NAME + r"(?:[’']s)?,[^.;]{3,80}?,\s+(?:has\s+|had\s+|have\s+)?(?:" + _VERBS
               + r")\b"),
    re.compile(_NAME + r"(?:[’']s)?" + _ADVERB + r"\s+(?:has\s+|had\s+|have\s+)?(?:" + _VERBS
               + r")\b"),
    re.compile(_UN_PARTY + _ADVERB + r"\s+(?:have\s+)?(?:" + _VERBS + r")\b"),
    re.compile(r"(?P<who>(?:[A-Z][\w.-]*\s+(?:and\s+)?)?(?:(?i:an?|other|some|alternative|human|"
               r"rights|opposition|independent|several)\s+){1,3}(?:estimations?|estimates|sources|"
               r"groups|organi[sz]ations|activists|reports))\s+(?:have\s+|has\s+)?(?:suggests?|"
               r"say|says|said|called|put|puts|estimated?|believe)\b"),
    re.compile(r"(?:به گفته|بنا بر|بنابر|طبق|به نوشته|به روایت|به گزارش)\s+"
               r"(?P<who>[\u0600-\u065f\u066a-\u06ef ]"
               r"{3,40}?)(?<!یکی)(?<!برخی)(?<!شماری)(?=[،,]|\s+(?:در|از|به|که|تعداد|حدود|بیش))"),
    # Persian "X می‌گویند ..." at the start of a sentence: X speaks
    re.compile(r"^(?P<who>[\u0600-\u065f\u066a-\u06ef\u200c ]{3,40}?)\s+(?:می[\u200c ]?گوی(?:ند|د)|"
               r"گفتند|اعلام کردند)(?:\s|$)"),
    # Arabic "قالت X إن ..."
    re.compile(r"(?:قال|قالت|أكد|أكدت|ذكر|ذكرت|أعلن|أعلنت)\s+(?P<who>[\u0600-\u065f\u066a-\u06ef ]"
               r"{3,40}?)\s+(?:إن|أن|ان)\s"),
    re.compile(r"(?:وفقا ل|وفقاً ل|بحسب|حسب|بحسب ما)\s*(?P<who>[\u0600-\u065f\u066a-\u06ef ]{3,40}?)"
               r"(?=[،,.]|\s+(?:في|فإن|ان|أن)|\s*$)"),
)
# "the court ruled ...": a definite description of a party the text named before
_BACK_REF = re.compile(r"\b[Tt]he (?P<head>court|tribunal|commission|organi[sz]ation|group|"
                       r"committee|rapporteur)\s+(?:has\s+|had\s+)?(?:" + _VERBS + r")\b")
_PRONOUN_VERB = re.compile(r"\b(?:[Hh]e|[Ss]he)\s+(?:[^.;]{0,120}?\s)?(?:" + _VERBS + r")\b")
_INTRODUCED = re.compile(r"(?:^|[.!?]\s+|\n)(?P<name>[A-Z][\w'’.-]+(?:[\s-]+[A-Z][\w'’.-]+){1,3})"
                         r"\s+(?:was|is|has|had|said|became|served|wrote|[a-z]+ed)\b")
# Parties this corpus quotes most, named in Persian/Arabic: the claimant is written in English
# as the annotation rules do ("Amnesty International", not «عفو بین‌الملل»). Short and curated,
# like the landmark table in places.py.
PARTIES: tuple[tuple[str, str], ...] = (
    (r"عفو بین ?الملل|منظمة العفو الدولية|العفو الدولية", "Amnesty International"),
    (r"دیده ?بان حقوق بشر|هيومن رايتس ووتش", "Human Rights Watch"),
    (r"عدالت برای ایران|العدالة من أجل إيران", "Justice for Iran"),
    (r"گزارشگر(?:ان)? (?:ویژه )?سازمان ملل|خبراء الأمم المتحدة|المقرر(?:ون)? الخاص", "UN experts"),
    (r"خبراء (?:في|من|لدى) الأمم المتحدة|خبراء حقوق الإنسان في الأمم المتحدة", "UN experts"),
    (r"سازمان ملل|الأمم المتحدة|الامم المتحدة", "United Nations"),
    (r"مریم رجوی|مريم رجوي", "Maryam Rajavi"),
    (r"منتظری|منتظري", "Montazeri"),  # father or son: the surname matches either
    (r"شورای ملی مقاومت|المجلس الوطني للمقاومة", "National Council of Resistance of Iran"),
    (r"مجاهدین خلق|مجاهدي خلق", "PMOI/MEK"),
    (r"یکی از حاضران|یکی از شرکت ?کنندگان|أحد الحاضرين", "one of those present"),
    (r"المنظمون|المنظمين|برگزار ?کنندگان", "organisers"),
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
_BAD_WHO = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "Today", "Yesterday",
            "The", "This", "It", "He", "She", "They", "We", "I", "But", "And", "In", "On",
            "Iran", "Iranian", "Tehran", "However", "There", "These", "Those", "Who", "Which",
            "Researchers", "Investigators", "Analysts", "Authors", "The authors"}


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


def claimant_for(sentence: str, at: int, publisher: str, named: tuple[str, ...] = (),
                 before: str = "") -> str:
    """The party a figure at offset ``at`` is attributed to, else the publisher: the nearest
    attribution before the figure in the same clause, or "according to X" after it; "the
    court ruled" before the figure -> the last party named earlier whose name has "court"."""
    best = _back_ref(sentence, at, named)
    for rx in _ATTRIB:
        for m in rx.finditer(sentence):
            who = m.group("who").strip(" ,.-")
            who = re.sub(r"^(?:(?:the|of|and|for|In|On|But|And|However|Also|The)\s+)+", "", who)
            if not who or who in _BAD_WHO or len(who) < 3:
                continue
            who = re.sub(r"^(?:an?|some)\s+", "", who)
            who = re.sub(r"^[A-Z][\w-]*[’']s\s+(?=[A-Z])", "", who)  # "Iran’s Special Court"
            if who.isascii() and not who[0].isupper() and not re.search(
                    r"estimat|sources|groups|organi[sz]ations|activists|reports|organi[sz]ers|"
                    r"police|witnesses|officials|residents|relatives|protesters|speakers|"
                    r"researchers|experts", who, re.I):
                continue
            if m.start() <= at:
                between = sentence[m.end() if m.end() <= at else at : at]
                if _CLAUSE_BREAK.search(between):
                    continue
                dist = at - m.start()
            else:
                between = sentence[at : m.start()]
                if not re.match(r",|،|وفقا|بحسب|حسب|به گفته|(?:according|cited|reported|"
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
        # «به گفته او» ("according to him"): the known party the text named last, if any
        prior = norm_fa(before + " " + sentence[:at])
        last = max(((m.start(), english) for rx, english in _PARTY_RX
                    for m in rx.finditer(prior)), default=None)
        best = (best[0], last[1]) if last else None
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
            if who and who not in _BAD_WHO:
                return _un_party(who, before + " " + sentence)
    return _un_party(best[1], before + " " + sentence) if best else publisher


# "The group said", «وأضافت المنظمة», «این سازمان ... گفت»: the organisation the text named last
_ORG_BACK = re.compile(norm_fa(r"\b[Tt]he (?:group|organi[sz]ation|NGO|watchdog|rights group)\b|"
                               r"(?:قالت|أضافت|أكدت|ذكرت|أوضحت|تابعت)\s+المنظمة|"
                               r"(?:این|همین) (?:سازمان|گروه|نهاد)"))


def _back_ref(sentence: str, at: int, named: tuple[str, ...]) -> tuple[int, str] | None:
    """"the court ruled" -> the last party named earlier whose name has "court"; "the group
    said", «أضافت المنظمة» -> the last party the text named speaking."""
    best = None
    for m in _BACK_REF.finditer(sentence[:at]):
        head = m.group("head").lower()[:6]
        earlier = [n for n in named if head in n.lower()]
        if earlier and not _CLAUSE_BREAK.search(sentence[m.end() : at]):
            best = (at - m.start(), earlier[-1])
    if best is None and named:
        for m in _ORG_BACK.finditer(norm_fa(sentence[:at])):
            if not _CLAUSE_BREAK.search(sentence[m.end() : at]):
                best = (at - m.start(), named[-1])
    return best


# who speaks in a sentence without a figure ("Justice for Iran published a report on Monday")
_SPEAKER = re.compile(_NAME + _ADVERB + r"\s+(?:has\s+|have\s+)?(?:published|released|issued|"
                      r"launched|said|says|stated|announced|called|urged|demanded|wrote)\b")


def _speaker(sentence: str, publisher: str, named: tuple[str, ...]) -> str | None:
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
        if who and who[0].isupper() and who not in _BAD_WHO:
            return who
    return None


def _un_party(who: str, context: str) -> str:
    """A bare "Special Rapporteur" / "experts" in a text about the UN is the UN's."""
    if re.fullmatch(r"(?:the )?(?:Special Rapporteurs?|(?:human rights )?experts|"
                    r"rapporteurs?)", who, re.I) and re.search(
            r"\b(?:UN|U\.N\.|United Nations|Human Rights Council)\b", context):
        return "UN " + re.sub(r"^the ", "", who)
    return who


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
    from pipeline.extraction.dates import FA_AR_GREG_MONTHS, JALALI_MONTHS

    words = {norm_fa(w) for w in (*FA_AR_GREG_MONTHS, *JALALI_MONTHS, "آب", "أيار")}
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH_WORDS = _month_words()


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
_WIRE_BYLINE = re.compile(r"^\s*(?:Reporting by|Reported by)\s+(?P<who>[A-Z][\w.'’-]+(?:\s+"
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
    r"(?P<who>[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){0,3})(?:[’']s\s+|" + _ADVERB
    + r"\s+(?:published|released|issued)\s+"
    r"(?:its|their|an?|the)?\s*)(?:[\w-]+\s+){0,2}report\b|"
    r"\breport\s+(?:by|of|from)\s+(?P<who2>[A-Z][\w.-]+(?:\s+(?:[A-Z][\w.-]+|for|of)){0,4})")
# Persian/Arabic: the next sentence names the source ("این خبر را X به رادیو آزادی گفت")
_NEXT_SOURCE = re.compile(r"^(?:این خبر را|این گزارش را)\s+(?:(?:خانم|آقای|آقا|دکتر)\s+)?"
                          r"(?P<who>[\u0600-\u06ff]+(?: [\u0600-\u06ff]+)?)"
                          r"(?:\s+(?:یکی|یک|از|به)\s[\u0600-\u06ff ]{0,80})?\s+(?:گفت|اعلام کرد)")


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
        nxt = _NEXT_SOURCE.match(norm_fa(sents[k + 1].text)) if k + 1 < len(sents) else None
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
        if not found:
            speaker = _speaker(s_text, publisher, tuple(named))
            if speaker:
                named.append(speaker)  # for a later "the group said", «وأضافت المنظمة»
    return out
