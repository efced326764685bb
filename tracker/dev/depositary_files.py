"""Render import rows in each official layout: round-trip tests, fixtures and the benchmark."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from html import escape

from tracker.countries import iso_name
from tracker.importers import ImportRow
from tracker.importers.common import instrument_meta

# Depositary spellings where the ISO short name differs (all resolve through country_aliases).
DEPOSITARY_NAMES = {
    "TUR": "Türkiye",
    "LAO": "Lao People's Democratic Republic",
    "SYR": "Syrian Arab Republic",
    "PSE": "State of Palestine",
    "KOR": "Republic of Korea",
    "PRK": "Democratic People's Republic of Korea",
    "IRN": "Iran (Islamic Republic of)",
    "VNM": "Viet Nam",
    "BRN": "Brunei Darussalam",
    "MMR": "Myanmar",
    "HKG": "China - Hong Kong Special Administrative Region",
    "MAC": "China - Macao Special Administrative Region",
    "TWN": "Taiwan, Province of China",
}
SUFFIX = {"ratification": "", "accession": " a", "succession": " d", None: ""}
UNTC_HEADER = ("Participant", "Signature", "Ratification, Accession(a), Succession(d)")


def name_of(iso3: str) -> str:
    """The depositary spelling of a state's name."""
    return DEPOSITARY_NAMES.get(iso3, iso_name(iso3))


def untc_date(iso: str | None) -> str:
    """``1998-10-07`` → `` 7 Oct 1998`` (UNTC pads one-digit days with a space)."""
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    return f"{day.day:>2} {day.strftime('%b')} {day.year}"


def _text(value: object) -> str | None:
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    return str(value)


def rows_from_cells(cells: Iterable[Mapping[str, object]]) -> list[ImportRow]:
    """Import rows for the cells an official table can express (dated parties/signatories)."""
    out = []
    for c in cells:
        status = c["status"]
        get = lambda k, c=c: _text(c.get(k))  # noqa: E731
        if status == "party" and get("consent_date"):
            kind = get("consent_kind") or "ratification"
            out.append(
                ImportRow(str(c["iso3"]), "party", get("signature_date"), get("consent_date"), kind)
            )
        elif status == "signatory" and get("signature_date"):
            out.append(ImportRow(str(c["iso3"]), "signatory", get("signature_date")))
        elif status == "denounced" and get("consent_date") and get("denunciation_date"):
            out.append(
                ImportRow(
                    str(c["iso3"]),
                    "denounced",
                    consent_date=get("consent_date"),
                    consent_kind="ratification",
                    denunciation_date=get("denunciation_date"),
                )
            )
    return sorted(out, key=lambda r: name_of(r.iso3))


def _untc_cells(row: ImportRow) -> tuple[str, str, str]:
    consent = untc_date(row.consent_date) + (SUFFIX[row.consent_kind] if row.consent_date else "")
    return name_of(row.iso3), untc_date(row.signature_date), consent


def untc_text(rows: list[ImportRow], *, instrument: str, sep: str = "\t") -> str:
    """UNTC status table as text: ``sep`` = tab, `` | ``, ``aligned`` or ``run`` (run-together)."""
    title = instrument_meta(instrument)["full_title"]
    if sep == "run":
        body = "".join(f"{n}{s} {c} " if s else f"{n}{c} " for n, s, c in map(_untc_cells, rows))
        return f"CHAPTER IV\n{title}\n{''.join(UNTC_HEADER)}{body}\n"
    table = [UNTC_HEADER, *map(_untc_cells, rows)]
    if sep == "aligned":  # fixed-width columns, as a PDF or console copy gives them
        widths = [max(len(r[i]) for r in table) + 4 for i in range(2)]
        lines = [f"{r[0]:<{widths[0]}}{r[1]:<{widths[1]}}{r[2]}".rstrip() for r in table]
    else:
        lines = [sep.join(r) for r in table]
    return title + "\n" + "\n".join(lines) + "\n"


def untc_html(rows: list[ImportRow], *, instrument: str) -> str:
    """UNTC status page saved as HTML."""
    title = escape(instrument_meta(instrument)["full_title"])
    head = "".join(f"<th>{escape(h)}</th>" for h in UNTC_HEADER)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(c).replace(' ', '&nbsp;', 1)}</td>" for c in cells) + "</tr>"
        for cells in map(_untc_cells, rows)
    )
    return f"<html><body><h1>{title}</h1><table><tr>{head}</tr>{body}</table></body></html>"


def untc_xml(rows: list[ImportRow], *, instrument: str) -> str:
    """UNTC status as XML (Treaty/Participants/Table/Row/Entry)."""
    title = escape(instrument_meta(instrument)["full_title"])
    entries = lambda cells: "".join(f"<Entry>{escape(c)}</Entry>" for c in cells)  # noqa: E731
    body = "".join(f"<Row>{entries(cells)}</Row>" for cells in map(_untc_cells, rows))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Treaty><Header><Title>{title}</Title></Header>'
        f"<Participants><Table><TGroup><Row>{entries(UNTC_HEADER)}</Row>{body}"
        "</TGroup></Table></Participants></Treaty>"
    )


def _ilo_status(row: ImportRow) -> str:
    if row.status == "denounced":
        return f"Denounced on {untc_date(row.denunciation_date).strip()}"
    return "In Force"


def normlex_table(rows: list[ImportRow], *, instrument: str) -> str:
    """NORMLEX "Ratifications of C…" table (tab separated)."""
    meta = instrument_meta(instrument, body="ILO")
    lines = [
        f"Ratifications of {meta['code']} - {meta['full_title']}",
        "Country\tDate\tStatus\tNote",
    ]
    lines += [
        f"{name_of(r.iso3)}\t{untc_date(r.consent_date).strip()}\t{_ilo_status(r)}\t" for r in rows
    ]
    return "\n".join(lines) + "\n"


def normlex_country(row: ImportRow, *, instrument: str) -> str:
    """NORMLEX "Ratifications for X" page with one convention row."""
    meta = instrument_meta(instrument, body="ILO")
    return (
        f"Ratifications for {name_of(row.iso3)}\nConvention\tDate\tStatus\tNote\n"
        f"{meta['code']} - {meta['full_title']}\t{untc_date(row.consent_date).strip()}\t"
        f"{_ilo_status(row)}\t\n"
    )


def _dmy(iso: str | None) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def ohchr_table(rows: list[ImportRow], *, instrument: str, updated: str) -> list[list[object]]:
    """OHCHR dashboard export as rows of cells (header, table, footer)."""
    title = instrument_meta(instrument, body="UN")["full_title"]
    table: list[list[object]] = [
        [f"Status of Ratification Interactive Dashboard - {title}", "", ""],
        [f"Last update: {updated}", "", ""],
        ["Country", "Date of signature", "Date of ratification/accession"],
    ]
    table += [[name_of(r.iso3), _dmy(r.signature_date), _dmy(r.consent_date)] for r in rows]
    table += [["", "", ""], ["Definitions: signature, ratification, accession", "", ""]]
    table += [["Source: United Nations Treaty Collection", "", ""]]
    return table


def ohchr_csv(rows: list[ImportRow], *, instrument: str, updated: str = "21/11/2026") -> str:
    """OHCHR dashboard export as CSV text."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(
        ohchr_table(rows, instrument=instrument, updated=updated)
    )
    return buf.getvalue()


def ohchr_xlsx(rows: list[ImportRow], *, instrument: str, updated: str = "21/11/2026") -> bytes:
    """OHCHR dashboard export as XLSX bytes; dates as real Excel dates, like the dashboard."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for cells in ohchr_table(rows, instrument=instrument, updated=updated):
        values = []
        for value in cells:
            if isinstance(value, str) and len(value) == 10 and value[2] == "/" == value[5]:
                values.append(dt.datetime.strptime(value, "%d/%m/%Y"))
            else:
                values.append(value or None)
        sheet.append(values)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
