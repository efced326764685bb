"""Hypothesis: each parser raises nothing but ParseError, and generated tables round-trip."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importer_helpers import FIXTURES

from tracker.countries import tracked_iso3
from tracker.dev import depositary_files as r
from tracker.errors import ParseError
from tracker.importers import ImportRow, parse

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SAMPLES = [p.read_bytes() for p in sorted(FIXTURES.iterdir()) if p.suffix != ".md"]
ROUND_TRIP = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TARGETS = {"untc": "ICRMW", "normlex": "C097", "ohchr": "ICRMW"}


@st.composite
def mutated(draw) -> bytes:
    """A committed fixture, cut, spliced with noise, or with bytes flipped."""
    data = bytearray(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(0, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["cut", "insert", "flip", "truncate"]))
        if op == "cut":
            del data[at : at + draw(st.integers(1, 40))]
        elif op == "insert":
            data[at:at] = draw(
                st.binary(max_size=20) | st.sampled_from([b"\t", b" a", b"|", b"\n"])
            )
        elif op == "flip":
            data[at] = draw(st.integers(0, 255))
        else:
            del data[at:]
    return bytes(data)


junk = st.one_of(
    mutated(),
    st.binary(max_size=600),
    st.text(max_size=600),
    st.text(alphabet="ParticipantSignature0123456789 JanOctaAd\t|\n[]<>", max_size=400),
)


def _only_parse_error(source: str, data: bytes | str) -> None:
    try:
        result = parse(source, data, instrument=TARGETS[source])
    except ParseError:
        return
    assert all(row.iso3 in tracked_iso3() for row in result.rows)


@SETTINGS
@given(junk)
def test_untc_raises_only_parse_error(data):
    _only_parse_error("untc", data)


@SETTINGS
@given(junk)
def test_normlex_raises_only_parse_error(data):
    _only_parse_error("normlex", data)


@SETTINGS
@given(junk)
def test_ohchr_raises_only_parse_error(data):
    _only_parse_error("ohchr", data)


dates = st.dates(dt.date(1950, 1, 1), dt.date(2026, 11, 1)).map(dt.date.isoformat)
STATES = sorted(tracked_iso3() - {"HKG", "MAC"})  # NORMLEX shows these as territories


@st.composite
def un_rows(draw) -> list[ImportRow]:
    """Parties and signatories for a random set of tracked states."""
    rows = []
    for iso3 in draw(st.lists(st.sampled_from(STATES), min_size=1, max_size=15, unique=True)):
        signature = draw(st.none() | dates)
        if draw(st.booleans()) or signature is None:
            kind = draw(st.sampled_from(["ratification", "accession", "succession"]))
            if signature is None and kind == "ratification":
                kind = "accession"
            rows.append(ImportRow(iso3, "party", signature, draw(dates), kind))
        else:
            rows.append(ImportRow(iso3, "signatory", signature))
    return rows


@ROUND_TRIP
@given(un_rows(), st.sampled_from(["\t", " | ", "aligned", "run", "html", "xml"]))
def test_generated_untc_tables_round_trip(rows, layout):
    if layout == "html":
        text = r.untc_html(rows, instrument="CEDAW")
    elif layout == "xml":
        text = r.untc_xml(rows, instrument="CEDAW")
    else:
        text = r.untc_text(rows, instrument="CEDAW", sep=layout)
    got = parse("untc", text, instrument="CEDAW").rows
    assert sorted(got, key=lambda x: x.iso3) == sorted(rows, key=lambda x: x.iso3)


@ROUND_TRIP
@given(st.lists(st.sampled_from(STATES), min_size=1, max_size=15, unique=True), st.data())
def test_generated_normlex_tables_round_trip(states, data):
    rows = []
    for iso3 in states:
        consent = data.draw(dates)
        if data.draw(st.booleans()):
            rows.append(ImportRow(iso3, "party", None, consent, "ratification"))
        else:
            later = data.draw(st.dates(dt.date.fromisoformat(consent) + dt.timedelta(days=1)))
            rows.append(
                ImportRow(iso3, "denounced", None, consent, "ratification", later.isoformat())
            )
    got = parse("normlex", r.normlex_table(rows, instrument="C189"), instrument="C189").rows
    assert sorted(got, key=lambda x: x.iso3) == sorted(rows, key=lambda x: x.iso3)
