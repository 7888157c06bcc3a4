"""Splink comparisons (settings-dict form, plain SQL levels) for each comparison kind, and the
one combined person-name comparison of `link`. The SQL reads the columns of engine.prepare."""

from __future__ import annotations

from typing import Any

from pipeline.linkage.engine import PERSON_NAME_COLS, CompareSpec

RARE_U = 1e-5  # starting u of name levels random pairs hardly ever reach


def _q(col: str, side: str) -> str:
    return f'"{col}_{side}"'


def _null(*cols: str) -> str:
    return " OR ".join(f"{_q(c, 'l')} IS NULL OR {_q(c, 'r')} IS NULL" for c in cols)


def _level(sql: str, label: str, **kw: Any) -> dict[str, Any]:
    return {"sql_condition": sql, "label_for_charts": label, **kw}


def comparison(spec: CompareSpec, other_names: list[str], rare_u: bool = True
               ) -> dict[str, Any]:
    """One splink comparison (settings-dict form) for a spec."""
    c, k = spec.column, f"{spec.column}__k"
    l_, r_ = _q(k, "l"), _q(k, "r")
    null = _level(_null(k), "null", is_null_level=True)
    levels: list[dict[str, Any]]
    if spec.kind == "name":
        s = f"{c}__s"
        levels = [
            null,
            _level(f"{l_} = {r_}", "exact key", tf_adjustment_column=k, tf_adjustment_weight=1.0),
            # rare among random pairs, so random sampling may never see it: start from a
            # small u (kept if sampling finds none) instead of leaving the level untrained
            _level(f"{_q(s, 'l')} = {_q(s, 'r')} OR {_q(f'{c}__c', 'l')} = {_q(f'{c}__c', 'r')}",
                   "same tokens in any order, or same letters ignoring spaces",
                   **({"m_probability": 0.05, "u_probability": RARE_U} if rare_u else {})),
            _level(f"jaro_winkler_similarity({l_}, {r_}) >= 0.92", "jaro-winkler >= 0.92"),
        ]
        for o in other_names:  # swapped fields: this name equals another name column
            ok = f"{o}__k"
            levels.append(_level(f"{l_} = {_q(ok, 'r')} OR {_q(ok, 'l')} = {r_}",
                                 f"equals {o} (swapped)",
                                 **({"m_probability": 0.01, "u_probability": RARE_U}
                                    if rare_u else {})))
        levels += [
            _level(f"jaro_winkler_similarity({l_}, {r_}) >= 0.8", "jaro-winkler >= 0.8"),
            _level("ELSE", "different"),
        ]
    elif spec.kind == "date":
        levels = [
            null,
            _level(f"{l_} = {r_}", "exact"),
            # 1988-09 and 1988-09-13: the same date known less precisely (not a contradiction)
            _level(f"substr({l_}, 1, length({r_})) = {r_} OR substr({r_}, 1, length({l_})) = {l_}",
                   "one is a less precise form of the other"),
            _level(f"damerau_levenshtein({l_}, {r_}) <= 1", "one edit or transposition"),
            _level(f"levenshtein({l_}, {r_}) <= 2", "two edits"),
            _level("ELSE", "different"),
        ]
    elif spec.kind == "number":
        d = f"abs({l_} - {r_})"
        levels = [
            null,
            _level(f"{l_} = {r_}", "exact"),
            _level(f"{d} <= 1", "within 1"),
            _level(f"{d} <= 0.1 * greatest(abs({l_}), abs({r_}))", "within 10%"),
            _level("ELSE", "different"),
        ]
    elif spec.kind == "exact":
        levels = [null, _level(f"{l_} = {r_}", "exact", tf_adjustment_column=k,
                               tf_adjustment_weight=1.0), _level("ELSE", "different")]
    elif spec.kind == "text":
        levels = [
            null,
            _level(f"{l_} = {r_}", "exact"),
            _level(f"jaro_winkler_similarity({l_}, {r_}) >= 0.9", "jaro-winkler >= 0.9"),
            _level(f"jaro_winkler_similarity({l_}, {r_}) >= 0.7", "jaro-winkler >= 0.7"),
            _level("ELSE", "different"),
        ]
    else:  # ranges: low/high intervals, equal, overlapping, near, apart
        lo, hi = f"{c}__lo", f"{c}__hi"
        ll, lr, hl, hr = _q(lo, "l"), _q(lo, "r"), _q(hi, "l"), _q(hi, "r")
        overlap = f"{ll} <= {hr} AND {lr} <= {hl}"
        if spec.kind == "age_range":
            near = f"{ll} <= {hr} + 2 AND {lr} <= {hl} + 2"
        else:
            near = f"{ll} <= {hr} + INTERVAL 31 DAY AND {lr} <= {hl} + INTERVAL 31 DAY"
        levels = [
            _level(_null(lo, hi), "null", is_null_level=True),
            _level(f"{ll} = {lr} AND {hl} = {hr}", "same range"),
            _level(overlap, "ranges overlap"),
            _level(near, "ranges near"),
            _level("ELSE", "apart"),
        ]
    return {"output_column_name": c, "comparison_levels": levels,
            "comparison_description": f"{c} ({spec.kind})"}




def person_name_comparison() -> dict[str, Any]:
    """One comparison of the person's whole name: the Persian-script name first, the Latin
    spelling as an alternative, term-frequency adjusted on exact agreement (a common name
    agreeing is weaker evidence than a rare one)."""
    f, la = PERSON_NAME_COLS

    def eq(c: str, suffix: str) -> str:
        return f"{_q(c + suffix, 'l')} = {_q(c + suffix, 'r')}"

    def jw(c: str, t: float) -> str:
        return f"jaro_winkler_similarity({_q(c + '__k', 'l')}, {_q(c + '__k', 'r')}) >= {t}"

    def dl(c: str, n: int) -> str:
        # the length test is implied and cheap: most random pairs never reach the edit count
        l_, r_ = _q(c + "__k", "l"), _q(c + "__k", "r")
        return (f"(abs(length({l_}) - length({r_})) <= {n} AND "
                f"damerau_levenshtein({l_}, {r_}) <= {n})")

    null = _level(f"({_null(f + '__k')}) AND ({_null(la + '__k')})", "null",
                  is_null_level=True)
    levels = [
        null,
        _level(eq(f, "__k"), "Persian name exact", tf_adjustment_column=f + "__k",
               tf_adjustment_weight=1.0),
        _level(eq(la, "__k"), "Latin name exact", tf_adjustment_column=la + "__k",
               tf_adjustment_weight=1.0),
        _level(f"{eq(f, '__s')} OR {eq(f, '__c')} OR {eq(la, '__s')} OR {eq(la, '__c')}",
               "same tokens in any order, or same letters ignoring spaces",
               m_probability=0.05, u_probability=RARE_U),
        # edit distance before Jaro-Winkler: Winkler's prefix bonus puts every two people
        # who share a common given name (Mohammad ...) into the high JW levels
        _level(f"{dl(f, 1)} OR {dl(la, 1)}", "one edit or transposition"),
        _level(f"{dl(f, 2)} OR {dl(la, 2)}", "two edits"),
        _level(f"{jw(f, 0.92)} OR {jw(la, 0.92)}", "jaro-winkler >= 0.92"),
        _level(f"{jw(f, 0.8)} OR {jw(la, 0.8)}", "jaro-winkler >= 0.8"),
        _level("ELSE", "different"),
    ]
    return {"output_column_name": "person_name", "comparison_levels": levels,
            "comparison_description": "person_name (Persian and Latin name columns joined)"}

