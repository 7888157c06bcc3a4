"""Controlled vocabularies used by the schemas. Each code has a one-line meaning that is
written into the codebook and the Table Schema descriptions."""

from __future__ import annotations

import pycountry

DATE_PRECISION = {
    "day": "the day is known",
    "month": "only the month is known",
    "season": "only the season is known",
    "year": "only the year is known",
    "range": "a range of days given by the source; see *_earliest / *_latest",
    "unknown": "no date, or none that can be read",
}

EVENT_TYPE = {
    "commemoration": "ceremony, vigil, memorial, grave visit, poster or flower campaign",
    "protest": "demonstration, rally, hunger strike (also when held to commemorate)",
    "exhibition": "exhibition, street display",
    "conference": "conference, symposium, panel, parliamentary hearing",
    "trial": "a trial, its opening or a hearing",
    "court_ruling": "verdict, sentence, appeal or supreme-court decision",
    "un_statement": "letter, call or communication by UN experts, rapporteurs or bodies",
    "un_report": "a UN report as a document",
    "execution_wave": "the 1988 killings themselves or another wave of political executions",
    "legislation": "a law, motion or resolution adopted by a legislature",
    "other": "arrests, decrees, leaks, NGO statements, grave destruction, reactions, etc.",
}

AFFILIATION = {
    "opposition_party": "NCRI/MEK or an outlet or group aligned with it: a party to the conflict",
    "opposition_other": "other opposition groups, parties or their supporters (not NCRI/MEK)",
    "state_aligned": "the Iranian state or media aligned with it: a party to the conflict",
    "government": "a government body other than Iran's (ministry, parliament, prosecutor, court)",
    "un": "a United Nations body, expert or rapporteur",
    "ngo": "a human-rights or civil-society organisation",
    "victims_group": "families, survivors or a tribunal organised by them",
    "independent_press": "news media not owned by a party to the conflict",
    "government_funded_press": "a broadcaster or institute funded by a (non-Iranian) government",
    "encyclopedia": "Wikipedia or a mirror of it",
    "academic": "scholarly work",
    "blog": "personal blog or user-submitted/user-uploaded content",
    "memorial_project": "a project compiling records of victims",
    "project_curation": "this dataset's own curated compilation (each row cites its source)",
}

PLACE_KIND = {
    "prison": "a prison",
    "cemetery": "a cemetery",
    "mass_grave": "a mass grave or suspected mass-grave site",
    "city": "a city or town",
    "other": "any other site (court, parliament, square, ...)",
}

ACTOR_KIND = {
    "person": "a natural person",
    "organisation": "an organisation, body or institution",
}

SOURCE_KIND = {
    "publication": "a published work cited by the curated facts (web page, report, book)",
    "report_snapshot": "a report whose text excerpt is kept in raw/ for checking evidence",
    "victim_list": "a list of victims kept in raw/lists/",
    "compilation": "a curated compilation kept in raw/ whose rows each cite a publication",
}

GENDER = {
    "female": "female",
    "male": "male",
}

CALENDAR = {
    "jalali": "Solar Hijri (Jalali) calendar, converted with jdatetime",
    "gregorian": "Gregorian calendar",
}

PLACE_PRECISION = {
    "site": "a named site (prison, cemetery)",
    "city": "a city or town",
    "province": "only the province is known",
    "country": "only the country is known",
    "unknown": "no place given",
}

CLAIM_UNIT = {
    "count": "a number of people, things or occurrences",
    "year": "a duration or age in years",
    "month": "a duration in months",
    "day": "a duration in days",
    "minute": "a duration in minutes",
}

REASON = {
    "missing_value": "a required value is empty",
    "invalid_value": "a value does not fit its column's type, pattern or range",
    "invalid_code": "a value is not in the column's controlled vocabulary",
    "invalid_date": "a date cannot be read or does not exist in its calendar",
    "duplicate_key": "the row's key is already taken by an earlier row",
    "unknown_reference": "a reference (source, report, record) does not resolve",
    "evidence_not_found": "the evidence quote is not a verbatim part of its report text",
    "quote_too_long": "the quote cannot be trimmed to the published word limit",
    "inconsistent_values": "values contradict each other (e.g. low > high)",
    "excluded_by_review": "a reviewer excluded the row; see the message for why",
    "unreadable_row": "the row could not be parsed from its file",
    "no_name": "the record carries no name in any name column",
    "duplicate_evidence": "the same quote from the same publication is already published in "
                          "another row (named in the message)",
    "placeholder_record": "the source itself marks the row as an illustration, sample or "
                          "template, not a record of a person (see the message for the marker)",
}

VERIFICATION_STATUS = {
    "unverified": "the list marks the record as not verified (see the column description)",
    "verified": "the list marks the record as verified",
}

POLITICAL_AFFILIATION = {
    "mek": "People's Mojahedin Organization of Iran (PMOI/MEK/MKO, also written 'the "
           "Mojahedin')",
    "fadaian_majority": "Organization of Iranian People's Fadaian (Majority)",
    "fadaian_minority": "Organization of Iranian People's Fadaian (Minority)",
    "fadaian": "Fadaiyan Khalq, branch not stated or a branch other than Majority/Minority",
    "tudeh": "Tudeh Party of Iran",
    "peykar": "Peykar Organization for the Liberation of the Working Class",
    "rah_e_kargar": "Revolutionary Workers Organization of Iran (Rah-e Kargar)",
    "komala": "Komala",
    "kdpi": "Democratic Party of Iranian Kurdistan",
    "other_left": "another left organisation (Razmandegan, Sahand, Ranjbaran...) or a Marxist "
                  "belief with no organisation named",
    "other": "another organisation or current (Freedom Movement, student confederation...)",
    "unknown": "the text names no single organisation (vague, several, or changed); see the "
               "original",
}

COORDINATE_PRECISION = {
    "source_given": "coordinates given by the cited source for this place",
    "city_centroid": "the GeoNames point of the place's city (for a prison, cemetery or grave "
                     "this is the city, NOT the site)",
    "not_geocoded": "no coordinates: no source gives them and the city is not found "
                    "unambiguously in the gazetteer",
}

COUNTRY_CODES = {c.alpha_2: c.name for c in pycountry.countries}

VALUE_QUALIFIER = {
    "exact": "a single figure given as such ('30,000'): value_low = value_best = value_high",
    "about": "a single approximate figure ('about/an estimated N'): value_best only",
    "at_least": "a lower bound ('over/more than/at least N'): value_low only",
    "at_most": "an upper bound ('up to/nearly/fewer than N'): value_high only",
    "range": "two figures ('N to M', 'between N and M', 'N or M'): value_low and value_high",
    "vague": "an amount in words only ('thousands', 'hundreds'): no figure; see value_original",
    "none": "no amount given (e.g. 'no estimate', a date window): no figure",
}

CLAIMANT_AFFILIATION = {
    "un_body": "a UN body, special procedure, rapporteur or the Secretary-General",
    "ngo": "a human-rights, press-freedom or civil-society organisation",
    "opposition_party": "NCRI/MEK or a group, outlet or campaign aligned with it (a party to "
                        "the conflict)",
    "opposition_other": "other Iranian opposition, exiles or dissidents (not NCRI/MEK)",
    "state_iran": "the Iranian state: officials (also former insiders' memoirs), courts, "
                  "ministries, state-aligned media",
    "state_other": "a government, parliament, court or prosecutor other than Iran's",
    "scholar": "a scholar, jurist or learned society",
    "witness_or_survivor": "an individual witness, survivor or former prisoner",
    "family_association": "families of victims or a body they organise (e.g. Iran Tribunal)",
    "media": "news media or authors writing in their own voice",
    "encyclopedia": "Wikipedia or a mirror of it, in its own voice",
    "mixed": "several parties of different kinds named together",
    "unattributed": "the source names no one for the claim",
    "unknown": "the name is not (yet) in pipeline/etc/codes/claimant_affiliation.csv",
}

CODING_METHOD = {
    "curated": "a row of the curated compilation raw/facts_1988",
    "hand_coded": "coded by hand from a report snapshot (pipeline/etc/coding/)",
    "assistant_accepted": "proposed by the report-extraction assistant and accepted by a "
                          "reviewer (pipeline/etc/coding/, coded_by = assistant)",
}

MUST_LINK = "must_link"
CANNOT_LINK = "cannot_link"
MODEL_DECIDED = "model"
DECISION = {
    CANNOT_LINK: "a reviewer decided the records are different people",
    MODEL_DECIDED: "no human decision; the model's probability and the threshold decide",
    MUST_LINK: "a reviewer decided the records are the same person",
}
"""decision_code of a match_pair: what decided it (a reviewer's decision beats the model)."""

MERGED = "merged"
REMOVED = "removed"
SPLIT = "split"
PERSON_ID_CHANGE = {
    MERGED: "its records joined a person with another id (old id retired)",
    REMOVED: "none of its records is left (old id retired)",
    SPLIT: "some of its records now form or join another person (old id kept)",
}
"""change_code of a person_id_map row: what happened to an old person_id."""

SOURCE_LINK_RELATION = {
    "same_publication": "one publication under two ids (a copy on another site, another "
                        "date): source_id is merged into target_source_id",
    "reproduces": "source_id is another publisher's reproduction of target_source_id: both "
                  "stay (another publisher, another affiliation), linked by "
                  "reproduces_source_id",
}
"""relation of a row of pipeline/etc/source_links.csv (not a published column)."""
