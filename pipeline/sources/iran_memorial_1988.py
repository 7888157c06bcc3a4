"""pedramholi/iran-memorial 1988 records (raw/lists/iran_memorial_1988/). Judgement specific to
this list, from its SOURCE.md:

- `date_of_death` has no precision field; 2,889 of 3,614 are `1988-01-01`, a year-only
  placeholder, and 1st-of-month dates are month-only placeholders in the same import. They are
  read as year/month precision: the coarser range always contains the true day, so this never
  claims more than the source knows. The original string stays in execution_date_original.
- `place_of_death` mixes cities, provinces ("Tehran Province"), countries ("Iran" ×439,
  "Afghanistan" ×1), "Unknown" (×7, read as no place) and one prison, the Joint Committee
  detention centre "Comite Moshtarak-e Tupkhaneh" (published as `prison`, precision `site`).
  "Sasan Hospital" and "University Blvd" (sites, not cities) are left as the city column.
- `status` is the list's own verification flag (`unverified` on every imported record).
- `beliefs` is where the import put the victim's political affiliation as the Boroumand Center
  states it ("member of the People's Mojahedin Organization of Iran (PMOI)", "affiliate of the
  Tudeh Party"); it is coded through pipeline/etc/codes/political_affiliation_map.csv.
- `responsible_forces` mixes the state bodies held responsible ("Islamic Republic",
  "Intelligence Ministry") with, on about 1,050 records, the PMOI under several spellings:
  SOURCE.md reads those as the organisation that reported the victim, an import garble. It is
  published verbatim and not coded as the victim's affiliation.
"""

from pipeline.transforms.lists import ListOptions

SOURCE_ID = "iran_memorial_1988"

OPTIONS = ListOptions(
    source_id=SOURCE_ID,
    placeholder_first_of_period=True,
    country_only_places=("Iran", "Afghanistan"),
    province_suffix=" Province",
    prison_places=("Comite Moshtarak-e Tupkhaneh",),
    verification_status_field="status",
    affiliation_field="beliefs",
    responsible_forces_field="responsible_forces",
)
