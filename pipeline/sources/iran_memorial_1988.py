"""pedramholi/iran-memorial 1988 records (raw/lists/iran_memorial_1988/). Judgement specific to
this list, from its SOURCE.md:

- `date_of_death` has no precision field; 2,889 of 3,614 are `1988-01-01`, a year-only
  placeholder, and 1st-of-month dates are month-only placeholders in the same import. They are
  read as year/month precision: the coarser range always contains the true day, so this never
  claims more than the source knows. The original string stays in execution_date_original.
- `place_of_death` mixes cities, provinces ("Tehran Province") and the country ("Iran").
"""

from pipeline.sources.lists import ListOptions

SOURCE_ID = "iran_memorial_1988"

OPTIONS = ListOptions(
    source_id=SOURCE_ID,
    placeholder_first_of_period=True,
    country_only_places=("Iran",),
    province_suffix=" Province",
)
