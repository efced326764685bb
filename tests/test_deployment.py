"""Deployment defaults: loopback by default, no stack traces, locked and hashed dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def _requirements(name: str) -> list[Requirement]:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return [Requirement(s) for s in (x.split("#")[0].strip() for x in lines) if s and s[0] != "-"]


def _locked(name: str) -> dict[str, tuple[Version, int]]:
    text = (ROOT / name).read_text(encoding="utf-8")
    out = {}
    for block in re.split(r"\n(?=\S)", text):
        first = block.split("\n", 1)[0]
        match = re.match(r"([A-Za-z0-9_.\-]+)==([^\s;\\]+)", first)
        if match:
            key = re.sub(r"[-_.]+", "-", match[1]).lower()
            out[key] = (Version(match[2]), block.count("--hash=sha256:"))
    return out


def test_streamlit_listens_on_loopback_and_hides_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["showErrorDetails"] == "none"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "ADDRESS ?= 127.0.0.1" in makefile and "--server.address $(ADDRESS)" in makefile


def test_dockerfile_runs_unprivileged_with_a_health_check():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    users = re.findall(r"^USER\s+(\S+)", text, flags=re.M)
    assert users and users[-1] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*\n?.*/_stcore/health", text, flags=re.M)
    assert "--require-hashes -r requirements.lock" in text


@pytest.mark.parametrize(
    "spec,lock",
    [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")],
)
def test_every_requirement_is_locked_with_hashes_within_its_bounds(spec, lock):
    locked = _locked(lock)
    wanted = _requirements(spec) + (_requirements("requirements.txt") if "dev" in spec else [])
    for req in wanted:
        key = re.sub(r"[-_.]+", "-", req.name).lower()
        assert key in locked, f"{req.name} is not in {lock}: run `make lock`"
        version, hashes = locked[key]
        assert req.specifier.contains(version), f"{lock} pins {req.name}=={version}, wants {req}"
    assert all(hashes > 0 for _, hashes in locked.values())
    install = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"--require-hashes -r {lock}" in install


def test_security_floors():
    floors = {r.name.lower(): r.specifier for r in _requirements("requirements-dev.txt")}
    assert not floors["pypdf"].contains("5.9")
    runtime = {r.name.lower(): r.specifier for r in _requirements("requirements.txt")}
    assert not runtime["tornado"].contains("6.4.2")
