"""TABLES: which fields each published table has, in which order, its keys and references."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ForeignKey:
    """``fields`` of a table hold values of ``reference`` in ``table``."""

    fields: tuple[str, ...]
    table: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One published table: its fields in order, key, required columns and references."""

    description: str
    fields: tuple[str, ...]
    primary_key: tuple[str, ...]
    required: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = field(default_factory=tuple)

    def is_required(self, name: str) -> bool:
        """Whether column ``name`` may not be empty (a required column or part of the key)."""
        return name in self.required or name in self.primary_key


_SOURCE_FK = ForeignKey(("source_id",), "source", ("source_id",))

TABLES: dict[str, Table] = {
    "source": Table(
        "Every source a row can cite: publications cited by the curated facts, report "
        "snapshots and victim lists kept in raw/, with publisher, affiliation and licence.",
        fields=(
            "source_id", "source_kind", "title", "publisher", "url", "published_date",
            "language_code", "affiliation_code", "affiliation_original", "stance_note",
            "license", "retrieved_date", "raw_path", "raw_sha256", "citation",
            "merged_source_ids", "reproduces_source_id",
        ),
        primary_key=("source_id",),
        foreign_keys=(ForeignKey(("reproduces_source_id",), "source", ("source_id",)),),
        required=("source_kind", "title", "publisher", "affiliation_code", "license"),
    ),
    "place": Table(
        "Prisons, cemeteries, mass graves and cities named by the sources.",
        fields=(
            "place_id", "place_kind_code", "name_latin", "name_fa", "city", "province",
            "country_code", "lat", "lon", "coordinate_precision_code", "geonames_id", "notes",
            "source_id", "source_locator",
        ),
        primary_key=("place_id",),
        required=("place_kind_code", "name_latin", "country_code",
                  "coordinate_precision_code", "source_id", "source_locator"),
        foreign_keys=(_SOURCE_FK,),
    ),
    "actor": Table(
        "People and organisations named by a source as taking part in or responsible for the "
        "1988 killings. Listing repeats what the source alleges; it is not a finding of guilt.",
        fields=(
            "actor_id", "actor_kind", "name_latin", "name_fa", "role_in_1988",
            "later_positions", "contested_note", "source_id", "source_locator",
        ),
        primary_key=("actor_id",),
        required=("actor_kind", "name_latin", "source_id", "source_locator"),
        foreign_keys=(_SOURCE_FK,),
    ),
    "event": Table(
        "Dated events as a source reports them (commemorations, protests, exhibitions, "
        "trials, rulings, UN actions, execution waves). One row per source and event (the "
        "evidence): the same happening reported by two sources is two rows sharing one "
        "happening_id. Count reports with COUNT(*), happenings with COUNT(DISTINCT "
        "happening_id) (e.g. per year of event_date_earliest).",
        fields=(
            "event_id", "event_type", "event_date", "event_date_precision",
            "event_date_earliest", "event_date_latest", "city", "country_code", "organizer",
            "description", "evidence", "is_evidence_trimmed", "report_id", "source_id",
            "source_locator", "event_date_calendar", "event_date_jalali", "happening_id",
            "organizer_affiliation_code", "coding_method",
        ),
        primary_key=("event_id",),
        required=("event_type", "event_date_precision", "evidence", "is_evidence_trimmed",
                  "source_id", "source_locator", "happening_id", "coding_method"),
        foreign_keys=(_SOURCE_FK,),
    ),
    "claim": Table(
        "Figures as claimed by a named party (death tolls, commission sizes, participants...). "
        "Contested numbers stand side by side, each attributed; none is a fact of the dataset.",
        fields=(
            "claim_id", "claimant_name", "subject_code", "value_low", "value_best",
            "value_high", "unit_code", "value_original", "claim_scope", "claim_year", "quote",
            "notes", "report_id", "source_id", "source_locator", "value_qualifier_code",
            "claimant_affiliation_code", "coding_method",
        ),
        primary_key=("claim_id",),
        required=("claimant_name", "subject_code", "unit_code", "quote", "source_id",
                  "source_locator", "value_qualifier_code", "claimant_affiliation_code",
                  "coding_method"),
        foreign_keys=(_SOURCE_FK,),
    ),
    "record": Table(
        "One row per accepted row of a victim list, as the list gives it: originals verbatim "
        "beside normalized forms. The same person in several lists is several records.",
        fields=(
            "record_id", "source_id", "file", "source_row", "record_key",
            "name_fa_original", "name_fa", "name_fa_key",
            "name_latin_original", "name_latin", "name_latin_key",
            "father_name_original", "father_name", "gender_original", "gender_code",
            "age_original", "age_low", "age_high",
            "city_original", "city", "province_original", "province", "prison_original",
            "prison", "execution_place_precision",
            "execution_date_original", "execution_date_calendar", "execution_date",
            "execution_date_precision", "execution_date_earliest", "execution_date_latest",
            "execution_date_jalali", "execution_date_jalali_original", "cause_original",
            "source_url", "source_note", "verification_status_original",
            "verification_status_code", "political_affiliation_original",
            "political_affiliation_code", "responsible_forces_original",
            "extra_original", "is_duplicate_row", "duplicate_of_record_id", "correction_ids",
            "source_locator",
        ),
        primary_key=("record_id",),
        required=("source_id", "file", "source_row", "execution_place_precision",
                  "execution_date_precision", "is_duplicate_row", "source_locator"),
        foreign_keys=(_SOURCE_FK,),
    ),
    "reject": Table(
        "Quarantine: every input row that is not published, with where it is and why. Raw "
        "rows = published rows + rejected rows, per source and file.",
        fields=(
            "reject_id", "source_id", "file", "source_row", "field", "reason_code", "message",
            "value_original",
        ),
        primary_key=("reject_id",),
        required=("source_id", "file", "source_row", "reason_code", "message"),
        foreign_keys=(_SOURCE_FK,),
    ),
    "person": Table(
        "People as linked from the records (pipeline/linkage: splink model + reviewed decisions). "
        "One row per person; a record found in no other list is a person of its own.",
        fields=(
            "person_id", "name_fa", "name_latin", "name_fa_variants", "name_latin_variants",
            "age_low", "age_high", "cities", "prisons", "execution_date_earliest",
            "execution_date_latest", "record_count", "source_count", "gender_code",
            "is_gender_conflict",
        ),
        primary_key=("person_id",),
        required=("record_count", "source_count"),
    ),
    "record_person": Table(
        "Which person each record belongs to (every record exactly once), with the linkage "
        "probability.",
        fields=("record_person_id", "record_id", "person_id", "match_probability"),
        primary_key=("record_person_id",),
        required=("record_id", "person_id"),
        foreign_keys=(
            ForeignKey(("record_id",), "record", ("record_id",)),
            ForeignKey(("person_id",), "person", ("person_id",)),
        ),
    ),
    "match_pair": Table(
        "Record pairs scored by the linkage model (probability >= the pair floor in "
        "pipeline/etc/linkage.yaml) plus every pair a reviewer decided, so users can apply "
        "their own threshold.",
        fields=(
            "match_pair_id", "record_id_l", "record_id_r", "match_weight", "match_probability",
            "decision_code", "is_same_person", "decision_reviewer", "decision_reason",
            "decided_date", "decision_file",
        ),
        primary_key=("match_pair_id",),
        required=("record_id_l", "record_id_r", "decision_code", "is_same_person"),
        foreign_keys=(
            ForeignKey(("record_id_l",), "record", ("record_id",)),
            ForeignKey(("record_id_r",), "record", ("record_id",)),
        ),
    ),
    "person_id_map": Table(
        "Every person_id change since the first release (cumulative): merges, splits and "
        "removals, so a reference to an old id can always be followed.",
        fields=("person_id_map_id", "old_person_id", "new_person_id", "change_code",
                "moved_record_count"),
        primary_key=("person_id_map_id",),
        required=("old_person_id", "change_code", "moved_record_count"),
    ),
    "link_model": Table(
        "The fitted record-linkage model behind person, record_person and match_pair (splink "
        "on DuckDB; m and u probabilities estimated from the records by EM), so every match "
        "probability can be explained and reproduced.",
        fields=("link_model_id", "link_engine", "model_json"),
        primary_key=("link_model_id",),
        required=("link_engine", "model_json"),
    ),
}

INPUT_TABLES = ("source", "place", "actor", "event", "claim", "record")
"""The tables built from the inputs (normalize, validate), in the order validate checks them:
a table after the ones its foreign keys point to."""
LINK_TABLES = ("person", "record_person", "match_pair", "person_id_map", "link_model")
"""The tables the link stage derives from `record`."""
