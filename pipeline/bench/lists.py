"""The benchmark's generated lists (made in a temporary folder, never under raw/ or
published/): the realistic profile (most full names distinct, Zipf name parts, quoted free text,
faulty rows) and the low-cardinality special case."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.transforms.calendar_words import JALALI_MONTH_NAMES_FA as R_MONTHS
from pipeline.transforms.persian import TO_ARABIC_INDIC_DIGITS as ARABIC_DIGITS
from pipeline.transforms.persian import TO_PERSIAN_DIGITS as PERSIAN_DIGITS

GIVEN = [("محمد", "Mohammad"), ("علی", "Ali"), ("حسین", "Hossein"), ("رضا", "Reza"),
         ("مریم", "Maryam"), ("فاطمه", "Fatemeh"), ("مهدی", "Mehdi"), ("زهرا", "Zahra"),
         ("بیژن", "Bijan"), ("منصوره", "Mansoureh"), ("داوود", "Davoud"), ("اکبر", "Akbar"),
         ("عباس", "Abbas"), ("شهلا", "Shahla"), ("جعفر", "Jafar"), ("نادر", "Nader")]
LATIN_VARIANTS = {"Mohammad": ["Mohammed", "Muhammad", "Mohamad"], "Hossein": ["Hosein",
                  "Hussein"], "Davoud": ["Davood", "Dawood"], "Fatemeh": ["Fatima"],
                  "Mansoureh": ["Mansureh"]}
FAMILY = [("کریمی", "Karimi"), ("رضایی", "Rezaei"), ("احمدی", "Ahmadi"), ("حسینی", "Hosseini"),
          ("محمدی", "Mohammadi"), ("قربانزاده", "Ghorbanzadeh"), ("آبادی", "Abadi"),
          ("جاوید فر", "Javidfar"), ("ملکی", "Maleki"), ("طیاری", "Tayari"),
          ("پارسی", "Parsi"), ("انارکی", "Anaraki"), ("صادقی", "Sadeghi"), ("نوری", "Nouri")]
CITIES = ["Tehran", "Karaj", "Shiraz", "Mashhad", "Rasht", "Esfahan", "Ahvaz", "Tabriz",
          "تهران", "کرج", "شیراز", ""]


def synthetic_list(rows: int, seed: int = 1988) -> pd.DataFrame:
    """The low-cardinality special case (`bench --profile low-cardinality`): about 225
    distinct Persian names, 16 father names and 12 cities, so per-distinct-value work is
    nearly free; not what real lists look like (see :func:`realistic_list`). A template-form
    list with variety: Persian and Latin names with spelling
    variants, Jalali dates in several forms and digit sets, ages as ranges and approximations,
    and a few faulty rows (no name, impossible dates) like real lists have."""
    rng = np.random.default_rng(seed)
    g = rng.integers(0, len(GIVEN), rows)
    f = rng.integers(0, len(FAMILY), rows)
    f2 = rng.integers(0, len(FAMILY), rows)
    name_fa = np.array([GIVEN[i][0] for i in g], dtype=object) + " " + np.array(
        [FAMILY[i][0] for i in f], dtype=object)
    latin_given = np.array([GIVEN[i][1] for i in g], dtype=object)
    vary = rng.random(rows) < 0.3
    for idx in np.nonzero(vary)[0]:
        opts = LATIN_VARIANTS.get(latin_given[idx])
        if opts:
            latin_given[idx] = opts[int(rng.integers(0, len(opts)))]
    name_latin = latin_given + " " + np.array([FAMILY[i][1] for i in f], dtype=object)
    father = np.array([GIVEN[i][0] for i in rng.integers(0, len(GIVEN), rows)], dtype=object)
    day = rng.integers(1, 32, rows)
    month = rng.integers(4, 10, rows)
    form = rng.integers(0, 5, rows)
    dates = np.where(form == 0, [f"1367/{m:02d}/{d:02d}" for m, d in zip(month, day,
                                                                         strict=True)],
                     np.where(form == 1, [f"{d} {R_MONTHS[m - 1]} 1367" for m, d in
                                          zip(month, day, strict=True)],
                              np.where(form == 2, [f"{R_MONTHS[m - 1]} 1367" for m in month],
                                       np.where(form == 3, "1367", ""))))
    persian = rng.random(rows) < 0.4
    dates = np.array([d.translate(PERSIAN_DIGITS) if p else d for d, p in
                      zip(dates, persian, strict=True)], dtype=object)
    age = rng.integers(16, 70, rows)
    age_form = rng.integers(0, 4, rows)
    ages = np.where(age_form == 0, age.astype(str),
                    np.where(age_form == 1, [f"about {a}" for a in age],
                             np.where(age_form == 2, [f"{a}-{a + 5}" for a in age], "")))
    no_name = rng.random(rows) < 0.001
    name_fa[no_name] = ""
    name_latin[no_name] = ""
    return pd.DataFrame({
        "name_fa": name_fa,
        "name_latin": name_latin,
        "father_name": father,
        "gender": rng.choice(["male", "female", ""], rows, p=[0.8, 0.15, 0.05]),
        "age": ages,
        "city": rng.choice(CITIES, rows),
        "province": "",
        "prison": rng.choice(["Evin", "Gohardasht", "Adelabad", ""], rows),
        "date_of_execution_jalali": dates,
        "date_of_execution_gregorian": "",
        "cause": "Execution",
        "source_url": [f"https://example.org/r/{i}" for i in range(rows)],
        "source_note": np.array([FAMILY[i][1] for i in f2], dtype=object),
    })


# --- realistic list (the default) ----------------------------------------------------------------
# Name parts as (Persian, Latin spellings). Given names and family-name stems are drawn with Zipf
# weights, so namesakes are common while most full names are distinct, as in real lists.
R_GIVEN = [
    ("محمد", "Mohammad|Mohammed|Muhammad|Mohamad"), ("علی", "Ali"),
    ("حسین", "Hossein|Hosein|Hussein"), ("رضا", "Reza"), ("حسن", "Hassan|Hasan"),
    ("مهدی", "Mehdi|Mahdi"), ("احمد", "Ahmad|Ahmed"), ("مصطفی", "Mostafa|Mustafa"),
    ("مجید", "Majid|Majeed"), ("سعید", "Saeed|Saeid|Said"), ("جعفر", "Jafar|Ja'far|Djafar"),
    ("اکبر", "Akbar"), ("عباس", "Abbas|Abas"), ("محمود", "Mahmoud|Mahmood|Mahmud"),
    ("بیژن", "Bijan"), ("داوود", "Davoud|Davood|Dawood"), ("نادر", "Nader"),
    ("ابراهیم", "Ebrahim|Ibrahim"), ("اسماعیل", "Esmaeil|Ismail|Esmail"),
    ("مرتضی", "Morteza|Murtaza"), ("قاسم", "Ghasem|Qasem"), ("کاظم", "Kazem|Kazim"),
    ("جواد", "Javad"), ("هوشنگ", "Houshang|Hushang"), ("فرهاد", "Farhad"),
    ("بهروز", "Behrouz|Behrooz"), ("منوچهر", "Manouchehr|Manuchehr"), ("پرویز", "Parviz"),
    ("جمشید", "Jamshid"), ("کیومرث", "Kiumars|Kioumars"), ("سیامک", "Siamak"),
    ("ناصر", "Naser|Nasser"), ("منصور", "Mansour|Mansur"), ("خسرو", "Khosrow|Khosro"),
    ("حمید", "Hamid"), ("وحید", "Vahid|Wahid"), ("مسعود", "Masoud|Masood"),
    ("محسن", "Mohsen"), ("یوسف", "Yousef|Yusef"), ("عبدالله", "Abdollah|Abdullah"),
    ("ابوالفضل", "Abolfazl|Abol-Fazl|Abulfazl"), ("روح‌الله", "Rouhollah|Ruhollah"),
    ("حبیب‌الله", "Habibollah|Habib Allah"), ("نصرالدین", "Nasreddin|Nasr al-Din"),
    ("سید", "Seyed|Seyyed|Sayyed"), ("غلامرضا", "Gholamreza|Gholam Reza|Qolamreza"),
    ("غلامحسین", "Gholamhossein|Gholam Hossein"), ("اصغر", "Asghar"),
    ("رحیم", "Rahim"), ("کریم", "Karim"), ("مریم", "Maryam"), ("فاطمه", "Fatemeh|Fatima"),
    ("زهرا", "Zahra"), ("منصوره", "Mansoureh|Mansureh"), ("شهلا", "Shahla"),
    ("مهین", "Mahin"), ("پروین", "Parvin"), ("اشرف", "Ashraf"), ("فریبا", "Fariba"),
    ("زینب", "Zeynab|Zeinab|Zaynab"), ("معصومه", "Masoumeh|Masumeh"), ("طاهره", "Tahereh"),
    ("شکوفه", "Shokoufeh"), ("مینا", "Mina"), ("نسرین", "Nasrin"), ("فرزانه", "Farzaneh"),
    ("رقیه", "Roghayeh|Roqayyeh"), ("هاجر", "Hajar"), ("کبری", "Kobra"), ("سهیلا", "Soheila"),
    ("مرضیه", "Marziyeh|Marzieh"), ("حیدر", "Heydar|Haidar|Heidar"), ("میثم", "Meysam|Maysam"),
    ("شیخ", "Sheikh|Shaykh"), ("عزت", "Ezzat"), ("نعمت", "Nemat|Ne'mat"), ("رسول", "Rasoul"),
    ("ایرج", "Iraj"), ("کامران", "Kamran"), ("بهمن", "Bahman"), ("اسفندیار", "Esfandiar"),
]
STEMS = [
    ("کریم", "Karim"), ("رضا", "Reza"), ("احمد", "Ahmad"), ("حسین", "Hosein"),
    ("محمد", "Mohammad"), ("قربان", "Ghorban"), ("آباد", "Abad"), ("جاوید", "Javid"),
    ("ملک", "Malek"), ("طیار", "Tayar"), ("پارس", "Pars"), ("انارک", "Anarak"),
    ("صادق", "Sadegh"), ("نور", "Nour"), ("موسو", "Mousav"), ("حیدر", "Heidar"),
    ("جعفر", "Jafar"), ("تهران", "Tehran"), ("شیراز", "Shiraz"), ("رشت", "Rasht"),
    ("باقر", "Bagher"), ("کاظم", "Kazem"), ("زند", "Zand"), ("افشار", "Afshar"),
    ("بهار", "Bahar"), ("امین", "Amin"), ("اکبر", "Akbar"), ("یزد", "Yazd"), ("کرمان", "Kerman"),
    ("قزوین", "Ghazvin"), ("دهقان", "Dehghan"), ("نجف", "Najaf"), ("رحمان", "Rahman"),
    ("سلیمان", "Soleyman"), ("فتح", "Fath"), ("خلیل", "Khalil"), ("شریف", "Sharif"),
    ("حاج", "Haj"), ("میرزا", "Mirza"), ("خان", "Khan"), ("آقا", "Agha"), ("گل", "Gol"),
    ("مهر", "Mehr"), ("شاه", "Shah"), ("کیان", "Kian"), ("فرخ", "Farrokh"), ("بابا", "Baba"),
    ("علی", "Ali"), ("حسن", "Hassan"), ("عباس", "Abbas"), ("اسد", "Asad"), ("منصور", "Mansour"),
    ("نوروز", "Nowrouz"), ("بخت", "Bakht"), ("دولت", "Dowlat"), ("شمس", "Shams"),
    ("قاسم", "Ghasem"), ("یوسف", "Yousef"), ("طاهر", "Taher"), ("رحیم", "Rahim"),
]
PREFIXES = [("", ""), ("", ""), ("", ""), ("میر", "Mir"), ("حاجی", "Haji"), ("شیخ", "Sheikh")]
SUFFIXES = [("ی", "i"), ("ی", "i"), ("ی", "i"), ("زاده", "zadeh|zade"), ("پور", "pour|pur"),
            ("نیا", "nia"), ("فر", "far"), ("ان", "an"), ("لو", "lou|loo"), ("وند", "vand"),
            ("یان", "ian|iyan"), ("نژاد", "nejad|nezhad"), ("آبادی", "abadi"), ("", ""),
            ("خانی", "khani"), ("دوست", "doust|dust"), ("مند", "mand"), ("کار", "kar")]
R_CITIES = [
    ("تهران", "Tehran"), ("کرج", "Karaj"), ("شیراز", "Shiraz"), ("مشهد", "Mashhad|Mashad"),
    ("رشت", "Rasht"), ("اصفهان", "Esfahan|Isfahan"), ("اهواز", "Ahvaz|Ahwaz"),
    ("تبریز", "Tabriz"), ("قزوین", "Ghazvin|Qazvin"), ("کرمانشاه", "Kermanshah"),
    ("سنندج", "Sanandaj"), ("ارومیه", "Urmia|Orumiyeh"), ("همدان", "Hamedan|Hamadan"),
    ("زنجان", "Zanjan"), ("اراک", "Arak"), ("یزد", "Yazd"), ("کرمان", "Kerman"),
    ("بابل", "Babol"), ("ساری", "Sari"), ("گرگان", "Gorgan"), ("لاهیجان", "Lahijan"),
    ("دزفول", "Dezful"), ("آبادان", "Abadan"), ("مسجدسلیمان", "Masjed Soleyman"),
    ("بندرعباس", "Bandar Abbas"), ("خرم‌آباد", "Khorramabad|Khoramabad"),
    ("قم", "Qom|Ghom"), ("کاشان", "Kashan"), ("اردبیل", "Ardabil"), ("بوشهر", "Bushehr"),
]
CITY_PLACES = ["آباد", "شهر", "دشت", "کوه", "رود", "کند"]
CITY_PLACES_LATIN = ["abad", "shahr", "dasht", "kuh", "rud", "kand"]
PRISONS = ["Evin", "Gohardasht", "Adelabad", "Vakilabad", "Dizelabad", "اوین", "گوهردشت",
           "Lakan", "Tabriz central prison", ""]
NOTES = [
    'Executed in {p}, according to "{s}"', "Arrested {y}, executed 1367; buried in Khavaran",
    'Member of {o}; family told "he was transferred"', "{s} list, p. {n}",
    "Sentenced by the 'death commission', {p}", "{s}: {n}, {o}", "",
]
SOURCES = ["Amnesty International", "Iran Human Rights Documentation Center", "Mojahedin list",
           "Abdorrahman Boroumand Center", "Justice for Iran", "family testimony"]
ORGS = ["PMOI", "Tudeh", "Fadaian (Majority)", "Fadaian (Minority)", "Peykar", "Rah-e Kargar"]


def _zipf_index(rng: np.random.Generator, n: int, size: int, a: float) -> np.ndarray:
    """Indexes 0..n-1 drawn with weights 1/(k+1)^a (rank 0 commonest)."""
    w = 1.0 / np.arange(1, n + 1) ** a
    return rng.choice(n, size=size, p=w / w.sum())


def _latin_variant(rng: np.random.Generator, spellings: str, size: int) -> np.ndarray:
    opts = spellings.split("|")
    return np.array(opts, dtype=object)[rng.integers(0, len(opts), size)]


def _family_names(rng: np.random.Generator) -> tuple[list[str], list[str]]:
    """Family names from prefix + stem (+ second stem) + suffix: ~150k distinct pairs."""
    fa, la = [], []
    for p_fa, p_la in PREFIXES:
        for s_fa, s_la in STEMS:
            for x_fa, x_la in SUFFIXES:
                for second in [None, *rng.choice(len(STEMS), 24, replace=False)]:
                    t_fa, t_la = s_fa, s_la
                    if second is not None:
                        t_fa += STEMS[second][0]
                        t_la += STEMS[second][1].lower()
                    fa.append(p_fa + t_fa + x_fa)
                    la.append(p_la + (t_la.lower() if p_la else t_la) + x_la)
    order = rng.permutation(len(fa))
    return [fa[i] for i in order], [la[i] for i in order]


def _vary_persian(rng: np.random.Generator, names: np.ndarray) -> np.ndarray:
    """Spelling variants real lists have: Arabic yeh/kaf, ZWNJ or a space inside compounds,
    a harakat mark, a tatweel; about one value in eight."""
    out = names.copy()
    pick = rng.random(len(out))
    for i in np.flatnonzero(pick < 0.125):
        s = out[i]
        k = int(rng.integers(0, 6))
        if k == 0:
            s = s.replace("ی", "ي")
        elif k == 1:
            s = s.replace("ک", "ك")
        elif k == 2 and len(s) > 4:
            s = s[:3] + "\u200c" + s[3:]
        elif k == 3:
            s = s + "\u064e" if len(s) > 2 else s
        elif k == 4 and len(s) > 3:
            s = s[:2] + "\u0640" + s[2:]
        else:
            s = s.replace(" ", "  ")
        out[i] = s
    return out


def _jalali_strings(rng: np.random.Generator, rows: int) -> np.ndarray:
    """~25k distinct strings at 1M rows: mostly 1367 (summer), other years, several forms and
    digit sets; some with the year or month only."""
    year = np.where(rng.random(rows) < 0.85, 1367, rng.integers(1360, 1369, rows))
    month = np.where(rng.random(rows) < 0.7, rng.integers(5, 7, rows), rng.integers(1, 13, rows))
    day = rng.integers(1, 32, rows)
    day = np.where(month > 6, np.minimum(day, 30), day)
    form = rng.integers(0, 7, rows)
    digits = rng.integers(0, 3, rows)  # ASCII, Persian, Arabic-Indic
    out = np.empty(rows, dtype=object)
    for i in range(rows):
        y, m, d, f = int(year[i]), int(month[i]), int(day[i]), int(form[i])
        if f == 0:
            s = f"{y}/{m:02d}/{d:02d}"
        elif f == 1:
            s = f"{y}/{m}/{d}"
        elif f == 2:
            s = f"{d} {R_MONTHS[m - 1]} {y}"
        elif f == 3:
            s = f"{y}-{m:02d}-{d:02d}"
        elif f == 4:
            s = f"{R_MONTHS[m - 1]} {y}"
        elif f == 5:
            s = str(y)
        else:
            s = f"{d} {R_MONTHS[m - 1]} ماه {y}"
        out[i] = s.translate(PERSIAN_DIGITS) if digits[i] == 1 else (
            s.translate(ARABIC_DIGITS) if digits[i] == 2 else s)
    return out


def realistic_list(rows: int, seed: int = 1988) -> pd.DataFrame:
    """A list whose distinct-value profile matches real lists: at 1M rows ~80% distinct
    full names in each script, Zipf-distributed name parts (namesakes are common), ~20k father
    names, ~850 city spellings, ~25k Jalali date strings (Persian/Arabic digits), free text
    with commas and quotes, and ~0.5% faulty rows (no name, impossible dates; ragged lines are
    added when the file is written, see :func:`write_realistic_csv`)."""
    rng = np.random.default_rng(seed)  # every step draws from it in a fixed order
    fam_fa, fam_la = _family_names(rng)
    given_fa = np.array([x[0] for x in R_GIVEN], dtype=object)
    fam_fa_a = np.array(fam_fa, dtype=object)
    name_fa, name_latin = _realistic_names(rng, rows, given_fa, fam_fa_a,
                                           np.array(fam_la, dtype=object))
    father = _realistic_fathers(rng, rows, given_fa, fam_fa_a)
    city = _realistic_cities(rng, rows)
    dates = _jalali_strings(rng, rows)
    dates[rng.random(rows) < 0.07] = ""
    ages = _realistic_ages(rng, rows)
    notes = _realistic_notes(rng, rows)
    # faulty rows (~0.5% with the ragged lines of write_realistic_csv)
    bad = rng.random(rows)
    no_name = bad < 0.001
    name_fa[no_name] = ""
    name_latin[no_name] = ""
    bad_date = (bad >= 0.001) & (bad < 0.003)
    dates[bad_date] = np.array(["1367/13/45", "32 مرداد 1367", "1367/00/00", "۱۳۶۷/۱۵/۰۱"],
                               dtype=object)[rng.integers(0, 4, int(bad_date.sum()))]
    return pd.DataFrame({
        "name_fa": name_fa,
        "name_latin": name_latin,
        "father_name": father,
        "gender": rng.choice(["male", "female", "", "مرد", "M"], rows,
                             p=[0.75, 0.12, 0.08, 0.03, 0.02]),
        "age": ages,
        "city": city,
        "province": "",
        "prison": rng.choice(PRISONS, rows),
        "date_of_execution_jalali": dates,
        "date_of_execution_gregorian": "",
        "cause": "Execution",
        "source_url": [f"https://example.org/r/{i}" for i in range(rows)],
        "source_note": notes,
    })


def _realistic_names(rng: np.random.Generator, rows: int, given_fa: np.ndarray,
                     fam_fa_a: np.ndarray, fam_la_a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Persian and Latin full names: Zipf given names (12% with a second one), Zipf family
    names, Latin spelling variants, upper case, scholarly marks, one script missing."""
    n_given = len(R_GIVEN)
    g = _zipf_index(rng, n_given, rows, 1.0)
    g2 = np.where(rng.random(rows) < 0.12, _zipf_index(rng, n_given, rows, 1.0), -1)
    f = _zipf_index(rng, len(fam_fa_a), rows, 0.45)
    name_fa = given_fa[g].copy()
    with_2 = g2 >= 0
    name_fa[with_2] = name_fa[with_2] + " " + given_fa[g2[with_2]]
    name_fa = name_fa + " " + fam_fa_a[f]
    given_la = np.empty(rows, dtype=object)
    for k in range(n_given):
        at = np.flatnonzero(g == k)
        given_la[at] = _latin_variant(rng, R_GIVEN[k][1], len(at))
    for k in range(n_given):
        at = np.flatnonzero(g2 == k)
        given_la[at] = given_la[at] + " " + _latin_variant(rng, R_GIVEN[k][1], len(at))
    fam_la_v = fam_la_a[f].copy()
    for i in np.flatnonzero(rng.random(rows) < 0.5):  # -zadeh/-zade, -pour/-pur...
        if "|" in fam_la_v[i]:
            fam_la_v[i] = fam_la_v[i].split("|")[int(rng.integers(0, 2))]
    fam_la_v = np.array([s.split("|")[0] for s in fam_la_v], dtype=object)
    name_latin = given_la + " " + fam_la_v
    case = rng.random(rows)
    name_latin = np.where(case < 0.05, np.char.upper(name_latin.astype(str)).astype(object),
                          name_latin)
    marks = rng.random(rows) < 0.01  # scholarly transliteration on a few
    name_latin[marks] = [s.replace("a", "ā", 1).replace("h", "ḥ", 1) for s in name_latin[marks]]
    name_fa = _vary_persian(rng, name_fa)
    only_latin = rng.random(rows) < 0.03
    only_fa = rng.random(rows) < 0.04
    name_fa[only_latin] = ""
    name_latin[only_fa & ~only_latin] = ""
    return name_fa, name_latin


def _realistic_fathers(rng: np.random.Generator, rows: int, given_fa: np.ndarray,
                       fam_fa_a: np.ndarray) -> np.ndarray:
    """Father names: a given name, sometimes with the family name; 20% empty."""
    fg = _zipf_index(rng, len(R_GIVEN), rows, 0.9)
    father = given_fa[fg].copy()
    long_f = rng.random(rows) < 0.03
    father[long_f] = father[long_f] + " " + fam_fa_a[
        _zipf_index(rng, len(fam_fa_a), int(long_f.sum()), 0.6)]
    father = _vary_persian(rng, father)
    father[rng.random(rows) < 0.2] = ""
    return father


def _realistic_cities(rng: np.random.Generator, rows: int) -> np.ndarray:
    """Cities: real ones with their spellings, then many small places; 10% empty."""
    small_fa = [s[0] + p for s in STEMS for p in CITY_PLACES]
    small_la = [s[1] + p for s in STEMS for p in CITY_PLACES_LATIN]
    city_vals = [c for fa_, la_ in R_CITIES
                 for c in [fa_, *la_.split("|"), la_.split("|")[0].upper()]]
    city_vals += small_fa + small_la + [c + " " for c in small_la[:30]]
    city = np.array(city_vals, dtype=object)[_zipf_index(rng, len(city_vals), rows, 1.1)]
    city[rng.random(rows) < 0.1] = ""
    return city


def _realistic_ages(rng: np.random.Generator, rows: int) -> np.ndarray:
    """Ages as lists write them: '34', 'about 34', '34-39', Persian digits, or empty."""
    age = rng.integers(16, 70, rows)
    age_form = rng.integers(0, 5, rows)
    return np.where(age_form == 0, age.astype(str),
                    np.where(age_form == 1, [f"about {a}" for a in age],
                             np.where(age_form == 2, [f"{a}-{a + 5}" for a in age],
                                      np.where(age_form == 3, [str(a).translate(PERSIAN_DIGITS)
                                                               for a in age], ""))))


def _realistic_notes(rng: np.random.Generator, rows: int) -> np.ndarray:
    """Free-text source notes with commas and quotes."""
    note_t = rng.integers(0, len(NOTES), rows)
    note_s = rng.integers(0, len(SOURCES), rows)
    note_o = rng.integers(0, len(ORGS), rows)
    note_n = rng.integers(1, 400, rows)
    return np.array([NOTES[t].format(p=PRISONS[n % 5], s=SOURCES[s], o=ORGS[o], n=n,
                                     y=1360 + n % 8)
                     for t, s, o, n in zip(note_t, note_s, note_o, note_n, strict=True)],
                    dtype=object)


def write_realistic_csv(frame: pd.DataFrame, path: Path, seed: int = 1988) -> None:
    """The frame as CSV (fields quoted where needed), with ~0.2% of the lines made ragged
    (an extra field) or given a broken quote (``"note"by hand``), as hand-edited files have."""
    text = frame.to_csv(index=False, lineterminator="\n")
    lines = text.split("\n")
    rng = np.random.default_rng(seed + 1)
    n = len(lines) - 2  # header, trailing ''
    for i in 1 + np.flatnonzero(rng.random(n) < 0.002):
        if rng.random() < 0.8:
            lines[i] = lines[i] + ",extra"
        else:  # "abc"def: csv.reader refuses the line
            lines[i] = lines[i].rsplit(",", 1)[0] + ',"note"by hand'
    path.write_text("\n".join(lines), encoding="utf-8")
