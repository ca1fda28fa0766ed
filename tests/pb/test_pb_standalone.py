"""The engine installs and runs alone: a fresh virtual environment with only the
``hromada-pb`` package (packages/hromada-pb) and its two dependencies runs
``python -m hromada.pb check FILE`` without Django or the rest of the platform.

Kept quick: the wheel is built without build isolation when this environment's setuptools can
build wheels by itself (>= 70.1), the fresh venv is made without pip (this environment's pip
installs into it), and numpy and gmpy2 are pinned to the versions installed here so pip takes
them from its cache or index at once. About 10-30 s on a busy 2-core machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "packages" / "hromada-pb"
SAMPLE = REPO / "tests" / "pb" / "data" / "Poland_Warszawa_2018_Marysin_Wawerski_Poludniowy.pb"


def pip(*args: str, cwd: Path) -> None:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run(
        [sys.executable, "-m", "pip", "--quiet", *args], cwd=cwd, env=env, check=True, timeout=600
    )


def _setuptools_builds_wheels() -> bool:
    try:
        major, minor = (int(x) for x in version("setuptools").split(".")[:2])
    except (ValueError, PackageNotFoundError):
        return False
    return (major, minor) >= (70, 1)


def build_wheel(work: Path) -> Path:
    """Build from a copy laid out as the repository is, so the checkout is not written to."""
    tree = work / "tree"
    shutil.copytree(
        PACKAGE,
        tree / "packages" / "hromada-pb",
        ignore=shutil.ignore_patterns("build", "*.egg-info"),
    )
    shutil.copytree(
        REPO / "hromada" / "pb",
        tree / "hromada" / "pb",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    wheels = work / "wheels"
    isolation = ["--no-build-isolation"] if _setuptools_builds_wheels() else []
    pip(
        "wheel",
        "--no-deps",
        *isolation,
        "-w",
        str(wheels),
        str(tree / "packages" / "hromada-pb"),
        cwd=work,
    )
    (wheel,) = wheels.glob("hromada_pb-*.whl")
    return wheel


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("standalone")
    wheel = build_wheel(work)
    env_dir = work / "fresh"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    pip(
        "--python",
        str(python),
        "install",
        "--only-binary=:all:",
        str(wheel),
        f"numpy=={version('numpy')}",
        f"gmpy2=={version('gmpy2')}",
        cwd=work,
    )
    return python


def run_fresh(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Run outside the repository and without PYTHONPATH, so only the installed package is seen.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE")}
    return subprocess.run(
        [str(python), *args],
        cwd=python.parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_fresh_environment_checks_a_file(fresh_python: Path) -> None:
    result = run_fresh(fresh_python, "-m", "hromada.pb", "check", str(SAMPLE), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["valid"] is True
    assert report["rule"] == "greedy-threshold"
    assert report["reproduced"] is True
    assert report["selected"] == ["101", "1470"]


def test_fresh_environment_has_only_the_engine(fresh_python: Path) -> None:
    probe = (
        "import importlib.util as u, hromada.pb as pb;"
        "print(pb.__file__);"
        "print([m for m in ('django', 'rest_framework', 'hromada.core') if u.find_spec(m)])"
    )
    result = run_fresh(fresh_python, "-c", probe)
    assert result.returncode == 0, result.stderr
    location, missing = result.stdout.splitlines()
    assert location.startswith(str(fresh_python.parents[1])), location
    assert missing == "[]"


def test_console_script_and_schema_are_installed(fresh_python: Path) -> None:
    script = fresh_python.parent / "hromada-pb"
    result = run_fresh(script, "schema")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["$defs"]["check"]["type"] == "object"
