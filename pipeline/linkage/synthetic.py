"""A FEBRL-like synthetic list of people with known duplicates (no network, seeded).

Originals get given_name, surname, street_number, address_1, suburb, postcode, state,
date_of_birth (YYYYMMDD), soc_sec_id; each duplicate gets 1-4 corruptions: typos (insert,
delete, substitute, transpose), OCR/phonetic swaps, swapped given/surname, missing values,
date digit swaps, nicknames. Used to tune and test `python -m pipeline link`
(tests/linkage) and by `python -m pipeline link-bench`.
"""

from __future__ import annotations

import random

import pandas as pd

GIVEN = """james john robert michael william david richard joseph thomas charles christopher
daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george
timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry
justin scott brandon benjamin samuel gregory alexander patrick frank raymond jack dennis
jerry tyler aaron jose adam nathan henry zachary douglas peter kyle noah ethan jeremy
walter christian keith roger terry austin sean gerald carl harold dylan arthur lawrence
jordan jesse bryan billy bruce gabriel joe logan alan juan albert willie elijah wayne
randy vincent mary patricia jennifer linda elizabeth barbara susan jessica sarah karen
lisa nancy betty sandra margaret ashley kimberly emily donna michelle carol amanda melissa
deborah stephanie dorothy rebecca sharon laura cynthia amy kathleen angela shirley brenda
emma anna pamela nicole samantha katherine christine helen debra rachel carolyn janet
maria catherine heather diane olivia julie joyce victoria ruth virginia lauren kelly
christina joan evelyn judith andrea hannah megan cheryl jacqueline martha madison teresa
gloria sara janice ann kathryn abigail sophia frances jean alice judy isabella julia
grace amber denise danielle marilyn beverly charlotte natalie theresa diana brittany
doris kayla alexis lori marie mohammad ali reza hossein mehdi zahra fatemeh maryam""".split()
SURNAME = """smith johnson williams brown jones garcia miller davis rodriguez martinez
hernandez lopez gonzalez wilson anderson thomas taylor moore jackson martin lee perez
thompson white harris sanchez clark ramirez lewis robinson walker young allen king wright
scott torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell
carter roberts gomez phillips evans turner diaz parker cruz edwards collins reyes stewart
morris morales murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly
howard ramos kim cox ward richardson watson brooks chavez wood james bennett gray mendoza
ruiz hughes price alvarez castillo sanders patel myers long ross foster jimenez powell
jenkins perry russell sullivan bell coleman butler henderson barnes gonzales fisher
vasquez simmons romero jordan patterson alexander hamilton graham reynolds griffin wallace
moreno west cole hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford
castro marshall owens harrison fernandez mcdonald woods washington kennedy wells vargas
henry chen freeman webb tucker guzman burns crawford olson simpson porter hunter gordon
mendez silva shaw snyder mason dixon munoz hunt hicks holmes palmer wagner black robertson
boyd rose stone salazar fox warren mills meyer rice schmidt garza daniels ferguson nichols
stephens soto weaver ryan gardner payne grant dunn kelley spencer hawkins arnold pierce
hansen peters santos hart bradley knight elliott cunningham duncan armstrong hudson
carroll lane riley andrews alvarado ray delgado berry perkins hoffman johnston matthews
pena richards contreras willis carpenter lawrence sandoval rahimi ahmadi karimi hosseini
mohammadi rezaei moradi jafari""".split()
STREET = """main high church park station victoria george queen king albert elizabeth
william mill bridge north south east west hill river lake forest green oak pine maple cedar
elm willow ash birch chestnut""".split()
KIND = ["street", "road", "avenue", "crescent", "place", "close", "drive", "lane", "court"]
SUBURB = """kingston belconnen woden tuggeranong gungahlin weston dickson braddon turner
reid campbell ainslie hackett watson downer lyneham kaleen giralang evatt spence charnwood
dunlop fraser flynn holt higgins macquarie cook aranda bruce page scullin hawker latham
macgregor florey melba mckellar lawson franklin harrison forde bonner ngunnawal nicholls
palmerston amaroo casey""".split()
STATES = ["nsw", "vic", "qld", "sa", "wa", "tas", "act", "nt"]
NICK = {"william": "bill", "robert": "bob", "richard": "dick", "james": "jim",
        "elizabeth": "liz", "margaret": "maggie", "katherine": "kate", "michael": "mike",
        "thomas": "tom", "joseph": "joe", "mohammad": "muhammad", "hossein": "hosein"}
OCR = [("m", "rn"), ("o", "0"), ("l", "1"), ("c", "k"), ("ph", "f"), ("ie", "y"),
       ("ee", "i"), ("s", "z"), ("th", "t"), ("ou", "u")]


def _typo(rng: random.Random, s: str) -> str:
    if not s or len(s) < 2:
        return s
    i = rng.randrange(len(s))
    op = rng.random()
    letters = "abcdefghijklmnopqrstuvwxyz"
    if op < 0.3:
        return s[:i] + rng.choice(letters) + s[i + 1:]
    if op < 0.55:
        return s[:i] + s[i + 1:]
    if op < 0.8:
        return s[:i] + rng.choice(letters) + s[i:]
    if i < len(s) - 1:
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    return s


def _ocr(rng: random.Random, s: str) -> str:
    opts = [(a, b) for a, b in OCR if a in s]
    if not opts:
        return _typo(rng, s)
    a, b = rng.choice(opts)
    return s.replace(a, b, 1)


def _digit_typo(rng: random.Random, s: str) -> str:
    if not s:
        return s
    i = rng.randrange(len(s))
    if rng.random() < 0.5 and i < len(s) - 1:
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    return s[:i] + str(rng.randrange(10)) + s[i + 1:]


def _person(rng: random.Random) -> dict[str, str]:
    y, m, d = rng.randrange(1920, 2005), rng.randrange(1, 13), rng.randrange(1, 29)
    return {
        "given_name": rng.choice(GIVEN),
        "surname": rng.choice(SURNAME) if rng.random() < 0.85 else
        rng.choice(SURNAME) + rng.choice(["s", "son", "er", "man", "ey"]),
        "street_number": str(rng.randrange(1, 400)),
        "address_1": f"{rng.choice(STREET)} {rng.choice(KIND)}",
        "suburb": rng.choice(SUBURB),
        "postcode": str(rng.randrange(2000, 7000)),
        "state": rng.choice(STATES),
        "date_of_birth": f"{y:04d}{m:02d}{d:02d}",
        "soc_sec_id": str(rng.randrange(1_000_000, 9_999_999)),
    }


def _corrupt(rng: random.Random, p: dict[str, str]) -> dict[str, str]:
    q = dict(p)
    for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
        kind = rng.random()
        col = rng.choice(list(q))
        if kind < 0.08:
            q["given_name"], q["surname"] = q["surname"], q["given_name"]
        elif kind < 0.2:
            q[col] = ""
        elif kind < 0.28 and q["given_name"] in NICK:
            q["given_name"] = NICK[q["given_name"]]
        elif col in ("street_number", "postcode", "date_of_birth", "soc_sec_id"):
            q[col] = _digit_typo(rng, q[col])
        elif kind < 0.45:
            q[col] = _ocr(rng, q[col])
        else:
            q[col] = _typo(rng, q[col])
    return q


def make(n_people: int, dup_share: float = 0.5, *, seed: int = 7, link: bool = False
         ) -> tuple[list[pd.DataFrame], set[tuple[str, str]]]:
    """Dedupe (link=False): one frame of n_people originals + duplicates (1-3 per duplicated
    person). Link: two frames, A the originals and B one corrupted copy each of a share of
    them plus strangers. Returns (frames, true pairs (id_l, id_r) with id_l < id_r for dedupe,
    left-file id first for link)."""
    rng = random.Random(seed)
    people = [_person(rng) for _ in range(n_people)]
    truth: set[tuple[str, str]] = set()
    if link:
        a = [{"rec_id": f"a-{i}", **p} for i, p in enumerate(people)]
        b = []
        for i, p in enumerate(people):
            if rng.random() < dup_share:
                b.append({"rec_id": f"b-{i}", **_corrupt(rng, p)})
                truth.add((f"a-{i}", f"b-{i}"))
            else:
                b.append({"rec_id": f"b-{i}", **_person(rng)})
        rng.shuffle(b)
        return [pd.DataFrame(a), pd.DataFrame(b)], truth
    rows = []
    for i, p in enumerate(people):
        ids = [f"rec-{i}-org"]
        rows.append({"rec_id": ids[0], **p})
        if rng.random() < dup_share:
            for j in range(rng.choice([1, 1, 1, 2, 3])):
                rid = f"rec-{i}-dup-{j}"
                rows.append({"rec_id": rid, **_corrupt(rng, p)})
                ids.append(rid)
        for x in ids:
            for y in ids:
                if x < y:
                    truth.add((x, y))
    rng.shuffle(rows)
    return [pd.DataFrame(rows)], truth


def f1(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float, float]:
    """(precision, recall, F1) of found pairs against the true pairs."""
    tp = len(found & truth)
    p = tp / len(found) if found else 1.0
    r = tp / len(truth) if truth else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --- a list that looks like a real 1988 victims list (issue 13 item 3) --------------------------
#
# Most full names distinct, but name parts Zipf-distributed, so namesakes (same given name and
# surname, same summer-1988 date, often the same city) are common; Persian script beside a Latin
# transliteration that varies by source; a few % of people recorded twice or three times with
# realistic damage (transliteration, Persian letter variants and typos, spacing in compound
# names, lost day or month of the date, missing fields, a wrong age).

GIVEN_M = [  # (Latin, Persian)
    ("Mohammad", "محمد"), ("Ali", "علی"), ("Hossein", "حسین"), ("Reza", "رضا"),
    ("Mehdi", "مهدی"), ("Hassan", "حسن"), ("Majid", "مجید"), ("Ahmad", "احمد"),
    ("Mahmoud", "محمود"), ("Abbas", "عباس"), ("Mostafa", "مصطفی"), ("Jafar", "جعفر"),
    ("Hamid", "حمید"), ("Said", "سعید"), ("Akbar", "اکبر"), ("Javad", "جواد"),
    ("Bahman", "بهمن"), ("Behrouz", "بهروز"), ("Manouchehr", "منوچهر"), ("Kazem", "کاظم"),
    ("Nasser", "ناصر"), ("Masoud", "مسعود"), ("Farhad", "فرهاد"), ("Davoud", "داوود"),
    ("Ebrahim", "ابراهیم"), ("Esmaeil", "اسماعیل"), ("Gholamreza", "غلامرضا"),
    ("Alireza", "علیرضا"), ("Hamidreza", "حمیدرضا"), ("Mohsen", "محسن"), ("Karim", "کریم"),
    ("Rahim", "رحیم"), ("Abdolkarim", "عبدالکریم"), ("Abdolrahim", "عبدالرحیم"),
    ("Ardalan", "اردلان"), ("Ardavan", "اردوان"), ("Kiumars", "کیومرث"), ("Faramarz", "فرامرز"),
    ("Parviz", "پرویز"), ("Jamshid", "جمشید"), ("Houshang", "هوشنگ"), ("Siamak", "سیامک"),
    ("Keyvan", "کیوان"), ("Bijan", "بیژن"), ("Fereydoun", "فریدون"), ("Rasoul", "رسول"),
    ("Ghasem", "قاسم"), ("Mansour", "منصور"), ("Morteza", "مرتضی"), ("Mojtaba", "مجتبی"),
    ("Yousef", "یوسف"), ("Iraj", "ایرج"), ("Khalil", "خلیل"), ("Taghi", "تقی"),
    ("Naghi", "نقی"), ("Heydar", "حیدر"), ("Asghar", "اصغر"), ("Sadegh", "صادق"),
    ("Amir", "امیر"), ("Behzad", "بهزاد"), ("Shahram", "شهرام"), ("Kamran", "کامران"),
    ("Changiz", "چنگیز"), ("Rostam", "رستم"), ("Hadi", "هادی"), ("Nader", "نادر"),
]
GIVEN_F = [
    ("Fatemeh", "فاطمه"), ("Zahra", "زهرا"), ("Maryam", "مریم"), ("Masoumeh", "معصومه"),
    ("Ashraf", "اشرف"), ("Mansoureh", "منصوره"), ("Roghieh", "رقیه"), ("Zohreh", "زهره"),
    ("Parvaneh", "پروانه"), ("Shahla", "شهلا"), ("Soheila", "سهیلا"), ("Mahin", "مهین"),
    ("Azam", "اعظم"), ("Razieh", "راضیه"), ("Fariba", "فریبا"), ("Nasrin", "نسرین"),
    ("Monireh", "منیره"), ("Sakineh", "سکینه"), ("Akram", "اکرم"), ("Shirin", "شیرین"),
]
ROOTS = [
    ("Ahmad", "احمد"), ("Mohammad", "محمد"), ("Hossein", "حسین"), ("Rez", "رض"),
    ("Karim", "کریم"), ("Rahim", "رحیم"), ("Jafar", "جعفر"), ("Hashem", "هاشم"),
    ("Moradi", "مرادی"), ("Sadegh", "صادق"), ("Ghasem", "قاسم"), ("Kazem", "کاظم"),
    ("Amin", "امین"), ("Nasir", "نصیر"), ("Akbar", "اکبر"), ("Asghar", "اصغر"),
    ("Heydar", "حیدر"), ("Mousav", "موسو"), ("Tabatab", "طباطب"), ("Hashem", "هاشم"),
    ("Shams", "شمس"), ("Nour", "نور"), ("Zare", "زارع"), ("Salehi", "صالحی"),
    ("Ghafour", "غفور"), ("Bagher", "باقر"), ("Najaf", "نجف"), ("Soltan", "سلطان"),
    ("Khademi", "خادمی"), ("Makian", "ماکیان"), ("Sehat", "صحت"), ("Darab", "داراب"),
    ("Jamshid", "جمشید"), ("Kiani", "کیانی"), ("Rostami", "رستمی"), ("Bahrami", "بهرامی"),
    ("Faraji", "فرجی"), ("Ghorbani", "قربانی"), ("Yazdan", "یزدان"), ("Esmaeil", "اسماعیل"),
    ("Ebrahim", "ابراهیم"), ("Yousef", "یوسف"), ("Abbas", "عباس"), ("Taher", "طاهر"),
    ("Mahdav", "مهدو"), ("Kamal", "کمال"), ("Jalal", "جلال"), ("Safar", "صفر"),
    ("Ramazan", "رمضان"), ("Shaban", "شعبان"), ("Mirza", "میرزا"), ("Khan", "خان"),
    ("Golestan", "گلستان"), ("Bagh", "باغ"), ("Dehghan", "دهقان"), ("Ansar", "انصار"),
    ("Hakim", "حکیم"), ("Sharif", "شریف"), ("Latif", "لطیف"), ("Azad", "آزاد"),
]
SUFFIXES = [("i", "ی"), ("zadeh", "زاده"), ("pour", "پور"), ("nejad", "نژاد"), ("ian", "یان"),
            ("loo", "لو"), ("khani", "خانی"), ("far", "فر"), ("abadi", "آبادی"), ("", "")]
PLACES = [("Tehrani", "تهرانی"), ("Shirazi", "شیرازی"), ("Jahromi", "جهرمی"),
          ("Esfahani", "اصفهانی"), ("Tabrizi", "تبریزی"), ("Rashti", "رشتی"),
          ("Kermani", "کرمانی"), ("Yazdi", "یزدی"), ("Ghazvini", "قزوینی"),
          ("Hamedani", "همدانی"), ("Zanjani", "زنجانی"), ("Ardebili", "اردبیلی"),
          ("Khorasani", "خراسانی"), ("Mazandarani", "مازندرانی"), ("Lahiji", "لاهیجی"),
          ("Dezfouli", "دزفولی"), ("Kashani", "کاشانی"), ("Semnani", "سمنانی"),
          ("Kordestani", "کردستانی"), ("Gilani", "گیلانی"), ("Naghsh", "نقش"),
          ("Nik", "نیک"), ("Rad", "راد"), ("Manesh", "منش"), ("Doust", "دوست")]
CITIES = ["Tehran", "Karaj", "Mashhad", "Shiraz", "Esfahan", "Tabriz", "Rasht", "Ahvaz",
          "Dezful", "Orumieh", "Zanjan", "Qazvin", "Hamadan", "Kermanshah", "Sanandaj",
          "Babol", "Sari", "Gorgan", "Arak", "Qom", "Kerman", "Yazd", "Semnan", "Ardebil",
          "Lahijan", "Bandar Anzali", "Khorramabad", "Bushehr", "Zahedan", "Sabzevar",
          "Neyshabur", "Qaemshahr", "Amol", "Salmas", "Khoy", "Masjed Soleyman", "Abadan",
          "Behbahan", "Kashan", "Najafabad"]
# transliteration habits: (pattern, replacement) applied by one "source" to all its names
TRANSLIT = [("ou", "u"), ("ou", "oo"), ("gh", "q"), ("ei", "ey"), ("eh", "e"), ("mohammad",
            "mohamad"), ("mohammad", "muhammad"), ("hossein", "hosein"), ("hossein",
            "husain"), ("ee", "i"), ("zadeh", "zade"), ("pour", "pur"), ("kh", "x"),
            ("a", "aa"), ("e", "a"), ("ss", "s"), ("ch", "tch")]
FA_VARIANTS = [("ی", "ي"), ("ک", "ك"), ("ئی", "یی"), ("ه", "ة"), ("زاده", " زاده"),
               ("پور", " پور"), ("عبدال", "عبد ال"), ("غلام", "غلام "), ("علیرضا", "علی رضا"),
               ("ت", "ط"), ("س", "ص"), ("ز", "ذ"), ("ح", "ه"), ("ق", "غ")]


def _zipf_weights(n: int, s: float = 1.07) -> list[float]:
    return [1.0 / (i + 1) ** s for i in range(n)]


def _shuffled(rng: random.Random, items: list) -> list:
    out = list(items)
    rng.shuffle(out)
    return out


class _Names:
    """Zipf-weighted name parts in a seeded random order (so seeds differ in which names are
    common)."""

    def __init__(self, rng: random.Random) -> None:
        self.male = _shuffled(rng, GIVEN_M)
        self.female = _shuffled(rng, GIVEN_F)
        surnames = []
        for (rl, rf) in ROOTS:
            for (sl, sf) in SUFFIXES:
                if not sl and not rl.endswith("i"):
                    continue
                if sl == "i" and rl.endswith("i"):
                    continue
                surnames.append((rl + sl, rf + sf))
        self.surnames = _shuffled(rng, sorted(set(surnames)))
        self.places = _shuffled(rng, PLACES)
        self.cities = _shuffled(rng, CITIES)
        self.w_m = _zipf_weights(len(self.male), 0.7)
        self.w_f = _zipf_weights(len(self.female), 0.8)
        self.w_s = _zipf_weights(len(self.surnames), 0.4)
        self.w_p = _zipf_weights(len(self.places), 0.5)
        self.w_c = _zipf_weights(len(self.cities), 0.9)


def _summer_1988(rng: random.Random) -> str:
    # most executions July 19 - September 30 1988; a tail to the end of the year
    day = int(rng.triangular(0, 165, 25)) if rng.random() < 0.9 else rng.randrange(0, 165)
    d = pd.Timestamp("1988-07-19") + pd.Timedelta(days=day)
    return d.strftime("%Y-%m-%d")


def _real_person(rng: random.Random, nm: _Names) -> dict[str, str]:
    female = rng.random() < 0.1
    given = rng.choices(nm.female if female else nm.male, nm.w_f if female else nm.w_m)[0]
    sur = rng.choices(nm.surnames, nm.w_s)[0]
    if rng.random() < 0.45:  # two roots (Ahmad + Rahimi -> Ahmadrahimi)
        root = rng.choice(ROOTS)
        sur = (root[0] + sur[0].lower(), root[1] + sur[1])
    if rng.random() < 0.55:  # compound surname (Rezaei Jahromi)
        place = rng.choices(nm.places, nm.w_p)[0]
        sur = (f"{sur[0]} {place[0]}", f"{sur[1]} {place[1]}")
    father = rng.choices(nm.male, nm.w_m)[0][0] if rng.random() < 0.45 else ""
    date = _summer_1988(rng)
    r = rng.random()
    if r < 0.15:
        date = date[:7]
    elif r < 0.3:
        date = ""
    return {
        "given_name": given[0], "surname": sur[0],
        "name_fa": f"{given[1]} {sur[1]}",
        "father_name": father,
        "gender": "female" if female else "male",
        "age": str(int(rng.triangular(17, 60, 24))) if rng.random() < 0.55 else "",
        "city": rng.choices(nm.cities, nm.w_c)[0] if rng.random() < 0.85 else "",
        "execution_date": date,
    }


def _source_spelling(rng: random.Random, name: str) -> str:
    out = name
    for _ in range(rng.choice([0, 1, 1, 2])):
        a, b = rng.choice(TRANSLIT)
        low = out.lower()
        i = low.find(a)
        if i >= 0:
            rep = b.capitalize() if out[i].isupper() else b
            out = out[:i] + rep + out[i + len(a):]
    return out


def _fa_variant(rng: random.Random, name: str) -> str:
    opts = [(a, b) for a, b in FA_VARIANTS if a in name]
    if not opts:
        return name
    a, b = rng.choice(opts)
    return name.replace(a, b, 1)


def _damage(rng: random.Random, p: dict[str, str]) -> dict[str, str]:
    """A second record of the same person, from another source."""
    q = dict(p)
    q["given_name"] = _source_spelling(rng, q["given_name"])
    q["surname"] = _source_spelling(rng, q["surname"])
    for _ in range(rng.choice([1, 1, 2, 2, 3])):
        k = rng.random()
        if k < 0.2:
            q["name_fa"] = _fa_variant(rng, q["name_fa"])
        elif k < 0.3:
            col = rng.choice(["given_name", "surname"])
            q[col] = _typo(rng, q[col].lower()).capitalize()
        elif k < 0.45:  # the date loses precision or is a few days off
            d = q["execution_date"]
            if len(d) == 10:
                q["execution_date"] = d[:7] if rng.random() < 0.6 else _digit_typo(rng, d)
            elif d:
                q["execution_date"] = "" if rng.random() < 0.5 else d
        elif k < 0.6:
            col = rng.choice(["father_name", "age", "city", "execution_date", "name_fa"])
            q[col] = ""
        elif k < 0.7 and q["age"]:
            q["age"] = str(int(q["age"]) + rng.choice([-2, -1, 1, 2]))
        elif k < 0.75 and " " in q["surname"]:  # compound surname, one part only
            q["surname"] = q["surname"].split(" ")[0]
        elif k < 0.8:
            q["city"] = rng.choices(CITIES)[0] if rng.random() < 0.3 else q["city"]
        else:
            q["name_fa"] = _fa_variant(rng, q["name_fa"])
    return q


REALISTIC_COMPARE = ["given_name:name", "surname:name", "name_fa:name", "father_name:name",
                     "execution_date:date", "city:exact", "age:number", "gender:exact"]


def make_realistic(n_records: int, *, seed: int = 1988, dup_share: float = 0.03
                   ) -> tuple[pd.DataFrame, set[tuple[str, str]]]:
    """About ``n_records`` records of a 1988-list-like population (see above). A share
    ``dup_share`` of people appear 2 or 3 times (from other sources, damaged). Returns (frame
    with rec_id + REALISTIC_COMPARE columns, true pairs (id_l < id_r))."""
    rng = random.Random(seed)
    nm = _Names(rng)
    rows: list[dict[str, str]] = []
    truth: set[tuple[str, str]] = set()
    i = 0
    while len(rows) < n_records:
        p = _real_person(rng, nm)
        first = dict(p)
        first["given_name"] = _source_spelling(rng, p["given_name"])
        first["surname"] = _source_spelling(rng, p["surname"])
        ids = [f"p{i:07d}-0"]
        rows.append({"rec_id": ids[0], **first})
        if rng.random() < dup_share:
            for j in range(1 if rng.random() < 0.8 else 2):
                rid = f"p{i:07d}-{j + 1}"
                rows.append({"rec_id": rid, **_damage(rng, p)})
                ids.append(rid)
        truth |= {(x, y) for x in ids for y in ids if x < y}
        i += 1
    rng.shuffle(rows)
    return pd.DataFrame(rows), truth
