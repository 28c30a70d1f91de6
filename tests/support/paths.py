"""Where the binaries, the sources and ../shared are (set by CTest; defaults for a manual run)."""
import os
import pathlib

SOURCE_DIR = pathlib.Path(os.environ.get("PUNCHOUT_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
BIN_DIR = pathlib.Path(os.environ.get("PUNCHOUT_BIN_DIR", SOURCE_DIR / "build" / "bin"))
BUILD_DIR = pathlib.Path(os.environ.get("PUNCHOUT_BUILD_DIR", SOURCE_DIR / "build"))
SHARED_DIR = pathlib.Path(os.environ.get("PUNCHOUT_SHARED_DIR", SOURCE_DIR.parent / "shared"))
DTD_DIR = SHARED_DIR / "cxml-dtd" / "1.2.071"
CONFORMANCE_DIR = SHARED_DIR / "conformance"
FIXTURES_DIR = SOURCE_DIR / "tests" / "fixtures"
ARTIFACTS_DIR = pathlib.Path(os.environ.get("PUNCHOUT_ARTIFACTS_DIR", BUILD_DIR / "test-artifacts"))

PUNCHOUTCTL = BIN_DIR / "punchoutctl"
GATEWAY = BIN_DIR / "punchout-gateway"
