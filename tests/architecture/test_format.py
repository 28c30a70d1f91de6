"""Every C++ file is formatted with the project's .clang-format (Debian clang-format 14).

Run `git ls-files '*.cpp' '*.hpp' '*.h' | xargs clang-format -i` to fix what this reports.
"""
import os
import pathlib
import shutil
import subprocess
import unittest

ROOT = pathlib.Path(os.environ.get("PUNCHOUT_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
SOURCE_DIRS = ("cxml", "catalog", "gateway", "tools", "tests")
SUFFIXES = (".cpp", ".hpp", ".h")


def cxx_files():
    """The tracked C++ files, or every one under the source folders outside a git checkout."""
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--", *SOURCE_DIRS],
                             capture_output=True, check=True, timeout=60).stdout
        names = [n for n in out.decode().split("\0") if n.endswith(SUFFIXES)]
        if names:
            return names
    except (OSError, subprocess.CalledProcessError):
        pass
    return sorted(str(p.relative_to(ROOT)) for d in SOURCE_DIRS
                  for p in (ROOT / d).rglob("*") if p.suffix in SUFFIXES)


class FormatTest(unittest.TestCase):
    def test_every_cxx_file_is_clang_formatted(self):
        clang_format = shutil.which("clang-format")
        self.assertIsNotNone(clang_format,
                             "clang-format not found: tools/install-deps test installs it")
        files = cxx_files()
        self.assertGreater(len(files), 100, "found too few C++ files to be this project")
        unformatted = []
        for i in range(0, len(files), 100):
            r = subprocess.run([clang_format, "--dry-run", "-Werror", *files[i:i + 100]],
                               cwd=ROOT, capture_output=True, text=True, timeout=300)
            if r.returncode != 0:
                unformatted += sorted({line.split(":", 1)[0] for line in r.stderr.splitlines()
                                       if ": error: " in line})
        self.assertEqual(unformatted, [],
                         "not clang-formatted (run clang-format -i on them): "
                         + ", ".join(unformatted))


if __name__ == "__main__":
    unittest.main()
