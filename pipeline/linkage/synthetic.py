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
    tp = len(found & truth)
    p = tp / len(found) if found else 1.0
    r = tp / len(truth) if truth else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
