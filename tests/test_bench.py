"""The benchmark command runs and reports every figure (timings are never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tracker.cli import build_parser
from tracker.dev import bench_browser
from tracker.dev.bench import Figure, render_table, untc_table

ROOT = Path(__file__).resolve().parent.parent


def test_bench_quick_tiny_prints_every_server_figure(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "tracker", "bench", "--quick", "--tiny", "--runs", "1", "--json"]
        + ["--cache-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    figures = {f["name"]: f for f in json.loads(proc.stdout)}
    for size in ("shipped", "tiny"):
        for name in ("rerun.map", "rerun.matrix", "switch.map_matrix", "export.csv"):
            assert figures[f"{name}.{size}"]["value"] > 0, name
        assert figures[f"direct.cells_as_of.{size}"]["value"] > 0
    assert figures["rerun.map.shipped"]["target"] == 100
    assert figures["rerun.map.tiny"]["target"] == 300
    assert {"scale.10x5", "scale.20x10", "scale.growth"} <= figures.keys()
    assert figures["parse.untc_200.tabular"]["value"] > 0
    assert figures["parse.untc_200.tabular"]["target"] == 50
    assert figures["browser"]["note"] == "skipped (--quick)"
    coverage = figures["coverage.all_origins.shipped"]
    assert coverage["value"] > 0 and coverage["target"] == 50
    assert coverage["note"].startswith("50 origins")
    assert figures["export.csv.shipped"]["note"].endswith("KiB")
    assert list(tmp_path.glob("bench-20x10x200-*.db")), "the tiny synthetic database is kept"
    assert not list(tmp_path.glob("bench-shipped-*")), "the shipped copy is removed"


def test_table_lists_figures_with_targets_and_whether_they_are_met():
    table = render_table(
        [
            Figure("rerun.map.shipped", 42.0, "ms", 7, 100.0),
            Figure("rerun.map.synthetic", 456.7, "ms", 7, 300.0, note="slow"),
            Figure("browser", None, "", 0, note="skipped (--quick)"),
        ]
    )
    lines = table.splitlines()
    assert lines[0].split() == ["figure", "median", "unit", "runs", "target", "met", "note"]
    assert lines[1].split() == ["rerun.map.shipped", "42.00", "ms", "7", "≤", "100", "yes"]
    assert lines[2].split()[-2:] == ["NO", "slow"]
    assert "skipped (--quick)" in lines[3] and "—" in lines[3]


def test_untc_table_has_the_requested_rows_and_parses():
    from tracker.importers import untc

    text = untc_table(200)
    assert len(text.splitlines()) == 202  # title, header, 200 participants
    result = untc.parse(text, instrument="ICRMW")
    assert len(result.rows) + result.skipped_outside == 200
    assert result.unknown_names == []


def test_browser_figures_skip_with_a_message_without_chromium(monkeypatch, tmp_path):
    monkeypatch.setattr(bench_browser, "CHROMIUM", str(tmp_path / "no-chromium"))
    figures = bench_browser.browser_figures(tmp_path, tmp_path, label="tiny", runs=1)
    assert [(f.name, f.value) for f in figures] == [("browser", None)]
    assert "not installed" in figures[0].note


def test_bench_is_a_cli_subcommand():
    args = build_parser().parse_args(["bench", "--quick", "--runs", "3"])
    assert args.quick and args.runs == 3 and not args.json
