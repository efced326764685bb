"""The campaign-target score: formula, factors, weights, exclusions, as-of date."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from tracker.errors import UnknownGroup, UnknownInstrument, ValidationError
from tracker.targets import (
    DEFAULT_WEIGHTS,
    FACTORS,
    RELATED,
    SIZE_FLOOR,
    rank_targets,
    related_instruments,
    score,
    size_factor,
)

INSTRUMENTS = [
    ("ICRMW", "UN", 1),
    ("C097", "ILO", 1),
    ("C143", "ILO", 1),
    ("C181", "ILO", 1),
    ("CEDAW", "UN", 1),
    ("C189", "ILO", 0),
]


def _build(db, countries: dict[str, dict], statuses: dict[tuple[str, str], dict]) -> None:
    db["instruments"].insert_all(
        {
            "code": code,
            "short_title": code,
            "full_title": code,
            "body": body,
            "core": core,
            "migrant_relevant": 1,
            "in_force_rule": "deposit",
            "sort_order": i,
        }
        for i, (code, body, core) in enumerate(INSTRUMENTS)
    )
    db["countries"].insert_all(
        {"iso3": iso, "name": iso, "display_name": f"State {iso}", **extra}
        for iso, extra in countries.items()
    )
    rows = []
    for iso in countries:
        for code, _, _ in INSTRUMENTS:
            cell = {"status": "none", **statuses.get((iso, code), {})}
            rows.append(
                {
                    "iso3": iso,
                    "instrument": code,
                    **cell,
                    "source_url": "https://example.org",
                    "checked_on": "2026-11-23",
                    "verified": 1,
                    "version": 1,
                }
            )
    db["status"].insert_all(rows)


@pytest.fixture
def small(empty_db):
    """Five states: a signatory, a related-instrument party, a party, an ineligible, a loner."""
    _build(
        empty_db,
        {
            "AAA": {"asean": 1, "migration_profile": "origin", "emigrant_stock": 1_000_000},
            "BBB": {"asean": 1, "migration_profile": "destination", "migrant_stock": 100_000},
            "CCC": {"asean": 1, "migration_profile": "origin", "emigrant_stock": 50_000_000},
            "DDD": {"migration_profile": "origin", "emigrant_stock": 9_000_000},
            "EEE": {},
        },
        {
            ("AAA", "ICRMW"): {"status": "signatory", "signature_date": "2004-09-27"},
            ("AAA", "CEDAW"): {"status": "party", "consent_date": "1992-10-15"},
            ("BBB", "C097"): {"status": "party", "consent_date": "1964-01-01"},
            ("BBB", "C143"): {"status": "party", "consent_date": "1980-01-01"},
            ("BBB", "C181"): {"status": "party", "consent_date": "2000-01-01"},
            ("BBB", "CEDAW"): {"status": "party", "consent_date": "1990-01-01"},
            ("CCC", "ICRMW"): {"status": "party", "consent_date": "2000-01-01"},
            ("DDD", "ICRMW"): {"status": "not_eligible"},
        },
    )
    return empty_db


def test_small_case_factors_follow_the_documented_definitions(small):
    df = rank_targets(small).set_index("iso3")
    assert set(df.index) == {"AAA", "BBB", "EEE"}  # party CCC and ineligible DDD left out
    aaa, bbb, eee = df.loc["AAA"], df.loc["BBB"], df.loc["EEE"]
    # signed: only the signatory
    assert (aaa["signed"], bbb["signed"], eee["signed"]) == (1.0, 0.0, 0.0)
    # related: bound share of the five related instruments of ICRMW
    assert aaa["related"] == pytest.approx(1 / 5)
    assert bbb["related"] == pytest.approx(4 / 5)
    assert eee["related"] == 0.0
    # peers: ASEAN peers of AAA are BBB and CCC; CCC is party
    assert aaa["peers"] == pytest.approx(1 / 2)
    assert bbb["peers"] == pytest.approx(1 / 2)
    assert eee["peers"] == 0.0
    # size: log scale against the largest candidate stock (AAA's 1M; CCC is not a candidate)
    assert aaa["size"] == pytest.approx(1.0)
    assert bbb["size"] == pytest.approx(math.log10(100_000 / SIZE_FLOOR) / 2)
    assert eee["size"] == 0.0
    # core_gaps: share of the other four core instruments that are gaps
    assert aaa["core_gaps"] == pytest.approx(3 / 4)
    assert bbb["core_gaps"] == 0.0
    assert eee["core_gaps"] == 1.0
    assert list(df["rank"]) == [1, 2, 3]
    assert "signed 27 Sep 2004" in aaa["why"] and "1 of 2 ASEAN peers party" in aaa["why"]
    assert "party to C097, C143, C181, CEDAW" in bbb["why"]


def test_score_is_the_weighted_mean_of_factors(db):
    weights = {
        "signed": 2.0,
        "related": 1.0,
        "peers": 0.5,
        "size": 3.0,
        "core_gaps": 1.5,
        "corridor": 0.5,
    }
    df = rank_targets(db, weights=weights)
    for row in df.to_dict("records"):
        expected = sum(weights[f] * row[f] for f in FACTORS) / sum(weights.values())
        assert row["score"] == pytest.approx(expected)
        assert row["score"] == pytest.approx(score(row, weights))
    assert df["score"].is_monotonic_decreasing


def test_factors_within_zero_and_one_and_parties_excluded(db):
    df = rank_targets(db)
    for f in (*FACTORS, "score"):
        assert df[f].between(0, 1).all(), f
    assert df["status"].isin({"signatory", "none", "denounced"}).all()
    parties = {r["iso3"] for r in db["status"].rows_where("instrument = 'ICRMW'")} - set(df["iso3"])
    excluded = {
        r["status"] for r in db["status"].rows_where("instrument = 'ICRMW'") if r["iso3"] in parties
    }
    assert excluded == {"party", "not_eligible"}
    assert {"PHL", "BGD", "IDN", "TWN"}.isdisjoint(df["iso3"])


def test_signatory_cambodia_ranks_above_comparable_non_signatories(db):
    df = rank_targets(db).set_index("iso3")
    # Lao PDR: same ASEAN/origin profile, same related ratifications, not a signatory
    assert df.loc["KHM", "signed"] == 1.0 and df.loc["LAO", "signed"] == 0.0
    assert df.loc["KHM", "rank"] < df.loc["LAO", "rank"]
    assert df.loc["KHM", "rank"] < df.loc["MMR", "rank"]
    assert "signed 27 Sep 2004" in df.loc["KHM", "why"]


def test_zero_weight_removes_a_factor(db):
    base = rank_targets(db, weights={"signed": 0}).set_index("iso3")
    # with signed at zero, flipping Cambodia's signed factor would change nothing
    others = {k: v for k, v in DEFAULT_WEIGHTS.items() if k != "signed"}
    for row in base.reset_index().to_dict("records"):
        expected = sum(others[f] * row[f] for f in others) / sum(others.values())
        assert row["score"] == pytest.approx(expected)
    assert "signed" not in base.loc["KHM", "why"]
    with_signed = rank_targets(db).set_index("iso3")
    assert with_signed.loc["KHM", "score"] > base.loc["KHM", "score"]
    # only size counts: the order is the order of size
    only_size = rank_targets(db, weights={f: 0 for f in FACTORS if f != "size"} | {"size": 1})
    assert list(only_size["score"]) == list(only_size["size"])
    assert only_size.iloc[0]["iso3"] == "IND"


def test_bad_weights_are_refused(db):
    with pytest.raises(ValidationError, match="unknown factor 'charm'"):
        rank_targets(db, weights={"charm": 1})
    with pytest.raises(ValidationError, match=">= 0"):
        rank_targets(db, weights={"signed": -1})
    with pytest.raises(ValidationError, match="at least one"):
        rank_targets(db, weights=dict.fromkeys(FACTORS, 0))
    with pytest.raises(UnknownInstrument):
        rank_targets(db, instrument_code="XYZ")
    with pytest.raises(UnknownGroup):
        rank_targets(db, group="Atlantis")


def test_group_filters_without_changing_scores(db):
    everyone = rank_targets(db).set_index("iso3")
    asean = rank_targets(db, group="ASEAN").set_index("iso3")
    assert set(asean.index) == {"BRN", "KHM", "LAO", "MYS", "MMR", "SGP", "THA", "VNM"}
    for iso in asean.index:
        assert asean.loc[iso, "score"] == everyone.loc[iso, "score"]
    assert asean.loc["KHM", "rank"] == 1


def test_as_of_date_uses_the_world_as_it_stood(db):
    then = rank_targets(db, as_of=dt.date(2010, 12, 18)).set_index("iso3")
    # Bangladesh and Indonesia had signed but not yet ratified; Armenia had not yet signed
    assert then.loc["BGD", "signed"] == 1.0 and then.loc["IDN", "signed"] == 1.0
    assert then.loc["ARM", "signed"] == 0.0
    assert then.loc["KHM", "signed"] == 1.0
    before = rank_targets(db, as_of=dt.date(2004, 1, 1)).set_index("iso3")
    assert before.loc["KHM", "signed"] == 0.0
    assert "TUR" in before.index  # Türkiye ratified on 2004-09-27


def test_related_map_and_fallback():
    assert set(RELATED["ICRMW"]) >= {"C097", "C143", "C181", "C189", "CEDAW"}
    assert related_instruments("icrmw") == RELATED["ICRMW"]
    assert related_instruments("C189") == ("ICRMW", "C097", "C143", "C181", "CEDAW")
    for code, related in RELATED.items():
        assert code not in related


def test_size_factor_scale():
    assert size_factor(None, 1_000_000) == 0.0
    assert size_factor(SIZE_FLOOR, 1_000_000) == 0.0
    assert size_factor(5_000, 1_000_000) == 0.0
    assert size_factor(100_000, 1_000_000) == pytest.approx(0.5)
    assert size_factor(1_000_000, 1_000_000) == 1.0


def test_other_instrument_ilo_has_no_signature_factor(db):
    df = rank_targets(db, instrument_code="C189")
    assert (df["signed"] == 0).all()
    assert "IDN" in set(df["iso3"]) and "PHL" not in set(df["iso3"])


def test_csv_carries_as_of_weights_and_every_factor(db):
    import csv
    import io

    from tracker.targets import COLUMNS, to_csv

    df = rank_targets(db, weights={"size": 0})
    text = to_csv(df, as_of=dt.date(2026, 11, 23), weights={**DEFAULT_WEIGHTS, "size": 0})
    lines = text.splitlines()
    assert lines[0].startswith("# as of 2026-11-23")
    assert "size=0" in lines[1] and "signed=3" in lines[1]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[2:]))))
    assert list(rows[0]) == COLUMNS and len(rows) == len(df)
    assert float(rows[0]["score"]) == pytest.approx(df.iloc[0]["score"], abs=1e-4)


def test_equal_scores_share_a_rank(db):
    df = rank_targets(
        db,
        weights={"signed": 1, "related": 0, "peers": 0, "size": 0, "core_gaps": 0, "corridor": 0},
    )
    # only the two signatories score; everyone else ties at 0 and shares the next rank
    assert list(df["rank"][:2]) == [1, 1]
    assert set(df["rank"][2:]) == {3}


def test_corridor_factor_counts_migrants_from_bound_origins(small):
    # BBB hosts 100k from party CCC and 5M from signatory AAA (not bound); EEE 20k from CCC;
    # an older DESA year and a WORLD total must not count.
    small["corridors"].insert_all(
        [
            {"year": 2019, "origin": "CCC", "destination": "BBB", "stock": 100_000},
            {"year": 2019, "origin": "AAA", "destination": "BBB", "stock": 5_000_000},
            {"year": 2019, "origin": "CCC", "destination": "EEE", "stock": 20_000},
            {"year": 2019, "origin": "CCC", "destination": "WORLD", "stock": 9_000_000},
            {"year": 2015, "origin": "CCC", "destination": "AAA", "stock": 80_000},
        ]
    )
    df = rank_targets(small, as_of=dt.date(2026, 12, 1)).set_index("iso3")
    assert df.loc["BBB", "corridor"] == 1.0  # the largest such stock among candidates
    assert df.loc["EEE", "corridor"] == pytest.approx(math.log10(2) / math.log10(10))
    assert df.loc["AAA", "corridor"] == 0.0
    assert "hosts 100k migrants from states party (State CCC)" in df.loc["BBB", "why"]
    # in 2016 the 2015 stock applies: only AAA hosts migrants from CCC (party since 2000)
    then = rank_targets(small, as_of=dt.date(2016, 1, 1)).set_index("iso3")
    assert then.loc["AAA", "corridor"] == 1.0 and then.loc["BBB", "corridor"] == 0.0
    off = rank_targets(small, weights={"corridor": 0}).set_index("iso3")
    assert "hosts" not in off.loc["BBB", "why"]
