"""Protection coverage along corridors: by hand on a synthetic table and on two real origins."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pandas as pd
import pytest

from tracker import corridors as C
from tracker.cli import main
from tracker.config import DATA_DIR
from tracker.corridors import data as corridor_data
from tracker.errors import ParseError, UnknownCountry
from tracker.matrix import cells

SYNTH = pd.DataFrame(
    [
        # year, origin, destination, stock
        (2015, "NPL", "WORLD", 1000),
        (2015, "NPL", "MYS", 300),
        (2015, "NPL", "QAT", 100),
        (2015, "NPL", "HKG", 100),
        (2019, "NPL", "WORLD", 2000),
        (2019, "NPL", "MYS", 600),
        (2019, "NPL", "QAT", 200),
        (2019, "NPL", "HKG", 200),
        (2019, "IDN", "WORLD", 500),
        (2019, "IDN", "MYS", 50),
        (2019, "PHL", "WORLD", 10),  # no tracked destination at all
    ],
    columns=corridor_data.COLUMNS,
)


def _cells(rows: list[tuple[str, str, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["iso3", "status", "consent_date"])


def test_desa_year_is_latest_mid_year_on_or_before():
    assert C.desa_year(dt.date(2026, 12, 1)) == 2019
    assert C.desa_year(dt.date(2019, 6, 30)) == 2015
    assert C.desa_year(dt.date(2019, 7, 1)) == 2019
    assert C.desa_year(dt.date(1991, 1, 1)) == 1990
    assert C.desa_year(dt.date(1980, 1, 1)) == 1990  # earlier dates use 1990


def test_coverage_by_hand_synthetic():
    statuses = pd.Series({"MYS": "party", "QAT": "none", "HKG": "territory", "IDN": "party"})
    out = C.coverage(SYNTH, statuses, year=2019).set_index("iso3")
    # NPL: bound = MYS 600 + HKG 200 (territory counts) of 1000 tracked; 1000 of 2000 tracked
    assert out.loc["NPL", "coverage"] == pytest.approx(0.8)
    assert out.loc["NPL", "emigrants_tracked"] == 1000
    assert out.loc["NPL", "emigrants_total"] == 2000
    assert out.loc["NPL", "share_tracked"] == pytest.approx(0.5)
    assert out.loc["IDN", "coverage"] == pytest.approx(1.0)
    assert pd.isna(out.loc["PHL", "coverage"])  # nothing tracked: no share, not 0
    statuses["MYS"] = "signatory"
    assert C.coverage(SYNTH, statuses, year=2019, origin="NPL")["coverage"].item() == 0.2


def test_coverage_on_uses_as_of_rules_and_desa_year():
    # MYS consented in 2017: not bound on 2016-12-18 (DESA 2015), bound on 2020-01-01 (2019)
    cl = _cells([("MYS", "party", "2017-03-01"), ("QAT", "none", None), ("HKG", "none", None)])
    before = C.coverage_on(SYNTH, cl, instrument="X", day=dt.date(2016, 12, 18), origin="NPL")
    after = C.coverage_on(SYNTH, cl, instrument="X", day=dt.date(2020, 1, 1), origin="NPL")
    assert before[["year", "coverage"]].values.tolist() == [[2015, 0.0]]
    assert after[["year", "coverage"]].values.tolist() == [[2019, 0.6]]
    assert list(after.columns[:7]) == C.COVERAGE_COLUMNS
    series = C.coverage_over_time(SYNTH, cl, origin="NPL")
    assert series.set_index("year")["coverage"].to_dict() == {2015: 0.0, 2019: 0.6}


def test_corridor_table_and_destination_view():
    statuses = pd.Series({"NPL": "party", "MYS": "none", "QAT": "not_eligible", "HKG": "party"})
    names = {"NPL": "Nepal", "MYS": "Malaysia", "QAT": "Qatar", "HKG": "Hong Kong SAR"}
    table = C.corridor_table(SYNTH, statuses, origin="NPL", year=2019, code="C189", names=names)
    assert table["destination"].tolist() == ["MYS", "HKG", "QAT"]  # largest first, then A-Z
    assert table["share"].tolist() == [0.6, 0.2, 0.2]
    assert (
        table["ask"][0]
        == "Malaysia hosts 600 people born in Nepal (UN DESA 2019) and has not ratified C189"
    )
    assert table["ask"][1].endswith("and is bound by C189")
    assert table["ask"][2].endswith("and cannot become party to C189")
    view = C.destination_view(
        SYNTH, statuses, destination="MYS", year=2019, code="C189", names=names
    )
    assert view["origin"].tolist() == ["NPL", "IDN"]
    assert (
        view["argument"][0]
        == "600 people born in Nepal live in Malaysia; Nepal is bound by C189, Malaysia is not"
    )
    assert view["argument"][1] == ""  # IDN not bound
    assert C.bound_origin_stock(SYNTH, statuses, year=2019).to_dict() == {
        "HKG": 200,
        "MYS": 600,
        "QAT": 200,
    }


def test_ask_never_claims_more_than_the_status():
    kw = dict(year=2019, code="C189")
    assert C.ask("Qatar", 254_340, "Nepal", status="signatory", **kw).endswith(
        "and has signed but not ratified C189"
    )
    assert C.ask("Qatar", 254_340, "Nepal", status="unknown", **kw) == (
        "Qatar hosts 254,000 people born in Nepal (UN DESA 2019); its status for C189 is not known"
    )


def test_people_rounds_like_an_estimate():
    assert C.people(578_082) == "578,000"
    assert C.people(1_225_156) == "1.23 million"
    assert C.people(4_249) == "4,200"
    assert C.people(730) == "730"


def _by_hand(origin: str, code: str) -> float:
    """Coverage from the committed CSVs with csv only: bound destinations / tracked ones, 2019."""
    with open(DATA_DIR / "status.csv", newline="", encoding="utf-8") as f:
        bound = {
            r["iso3"]
            for r in csv.DictReader(f)
            if r["instrument"] == code and r["status"] in ("party", "territory")
        }
    tracked = covered = 0
    with open(DATA_DIR / "corridors.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["year"] == "2019" and r["origin"] == origin and r["destination"] != "WORLD":
                tracked += int(r["stock"])
                covered += int(r["stock"]) * (r["destination"] in bound)
    return covered / tracked


@pytest.mark.parametrize(
    ("origin", "code", "issue_percent"),
    [
        ("NPL", "ICRMW", 2),
        ("NPL", "C189", 0),
        ("NPL", "C097", 30),
        ("IDN", "ICRMW", 4),
        ("IDN", "C189", 0),
        ("IDN", "C097", 34),
    ],
)
def test_real_origins_match_hand_count_and_issue(db, origin, code, issue_percent):
    cl = cells(db, instruments=[code])
    out = C.coverage_on(corridor_data.frame(db), cl, instrument=code, day=dt.date(2026, 12, 1))
    value = out.set_index("iso3").loc[origin, "coverage"]
    assert value == pytest.approx(_by_hand(origin, code))
    assert round(value * 100) == issue_percent  # the figures quoted in issue 16


def test_shipped_corridors_match_desa_spot_checks(db):
    df = corridor_data.frame(db).set_index(["year", "origin", "destination"])["stock"]
    assert df[(2019, "IND", "ARE")] == 3_419_875  # SOURCES.md spot checks
    assert df[(2019, "IND", "SAU")] == 2_440_489
    assert df[(2019, "IDN", "MYS")] == 1_225_156
    assert "TWN" not in set(df.index.get_level_values("origin"))
    years = set(df.index.get_level_values("year"))
    assert years == set(corridor_data.YEARS)


def _desa(tmp_path, lines: list[str]):
    path = tmp_path / "desa.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_build_rows_skips_aggregates_and_counts_world(tmp_path):
    path = _desa(
        tmp_path,
        [
            "Year,Dest,Nepal,France,Indonesia",
            "2019,Malaysia,500,7,1000",
            "2019,France,20,0,-",
            "2019,Channel Islands,3,0,0",
            "2019,Polynesia,999,999,999",
            "2019,Nepal,0,0,4",
        ],
    )
    rows = list(corridor_data.build_rows(path))
    assert {"year": 2019, "origin": "NPL", "destination": "WORLD", "stock": 523} in rows
    assert {"year": 2019, "origin": "IDN", "destination": "WORLD", "stock": 1004} in rows
    assert {"year": 2019, "origin": "IDN", "destination": "NPL", "stock": 4} in rows
    assert not any(r["origin"] == "FRA" or r["destination"] == "FRA" for r in rows)
    assert len(rows) == 5


@pytest.mark.parametrize(
    ("lines", "error", "text"),
    [
        (["Year,Dest,Nepal", "2019,Atlantis,3"], UnknownCountry, "Atlantis"),
        (["Year,Dest,Narnia", "2019,Malaysia,3"], UnknownCountry, "Narnia"),
        (["Year,Dest,Nepal", "2019,Malaysia,3.5"], ParseError, "not a count"),
        (["Year,Dest,Nepal", "2019,Malaysia"], ParseError, "fields"),
        (["Year,Dest,Nepal", "2018,Malaysia,3"], ParseError, "unexpected year"),
        (["Country,Nepal"], ParseError, "header"),
    ],
)
def test_build_rows_fails_loudly(tmp_path, lines, error, text):
    with pytest.raises(error, match=text):
        list(corridor_data.build_rows(_desa(tmp_path, lines)))


def test_cli_coverage_formats(db_file, capsys):
    assert main(["coverage", "--instrument", "c097", "--origin", "npl", "--format", "csv"]) == 0
    head, row = capsys.readouterr().out.splitlines()
    assert head == ",".join(C.COVERAGE_COLUMNS)
    assert row.startswith("NPL,C097,") and ",2019,0.2957," in row
    assert (
        main(["coverage", "--instrument", "ICRMW", "--as-of", "2000-01-01", "--format", "json"])
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 50 and {r["year"] for r in rows} == {1995}  # every origin but Taiwan
    assert main(["coverage", "--instrument", "C189", "--origin", "IDN"]) == 0
    assert "Indonesia" in capsys.readouterr().out


def test_cli_corridors_and_errors(db_file, capsys):
    assert main(["corridors", "--origin", "NPL", "--instrument", "C189"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert (
        first
        == "Malaysia hosts 578,000 people born in Nepal (UN DESA 2019) and has not ratified C189"
    )
    assert main(["coverage", "--instrument", "C189", "--origin", "TWN"]) == 2
    assert "Taiwan" in capsys.readouterr().err
    assert main(["corridors", "--origin", "FRA"]) == 2
    assert main(["coverage", "--instrument", "NOPE"]) == 2
