"""Dependencies point one way: cxml/ and catalog/ know nothing of HTTP or of each other,
pugixml stays inside cxml/, sqlite3 stays inside catalog/. Inside gateway/ the layers are
folders: service/ is protocol-free (no Boost.Asio/Beast) and the transports and pages sit
on it, never the other way round; punchoutctl is built on service/ alone.

Benchmarks that measure the raw libraries (tools/*bench*) may include them directly.
"""
import os
import pathlib
import re
import subprocess
import unittest

ROOT = pathlib.Path(os.environ.get("PUNCHOUT_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
BIN = pathlib.Path(os.environ.get("PUNCHOUT_BIN_DIR", ROOT / "build" / "bin"))

# What each gateway layer may include from the others (besides cxml/ and catalog/).
GATEWAY_LAYERS = {
    "service": set(),
    "http": {"service"},
    "outbox": {"service", "http"},
    "storefront": {"service", "http"},
    "inbound": {"service", "http", "storefront"},
}
SOURCE_SUFFIXES = {".hpp", ".cpp", ".h", ".cc", ".ipp"}
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.MULTILINE)


def sources(*folders):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and "build" not in path.relative_to(ROOT).parts[0]:
                yield path


def all_sources():
    for path in sorted(ROOT.rglob("*")):
        rel = path.relative_to(ROOT)
        if rel.parts[0].startswith("build") or rel.parts[0].startswith("."):
            continue
        if path.suffix in SOURCE_SUFFIXES:
            yield path


def includes(path):
    return INCLUDE.findall(path.read_text(encoding="utf-8", errors="replace"))


def is_benchmark(path):
    rel = path.relative_to(ROOT)
    return rel.parts[0] == "tools" and len(rel.parts) > 1 and "bench" in rel.parts[1]


class DependencyDirection(unittest.TestCase):
    def violations(self, files, forbidden):
        found = []
        for path in files:
            for inc in includes(path):
                if forbidden(inc):
                    found.append(f"{path.relative_to(ROOT)}: #include {inc}")
        return found

    def test_libraries_know_nothing_of_http(self):
        bad = self.violations(sources("cxml", "catalog"),
                              lambda inc: inc.startswith(("boost/asio", "boost/beast")))
        self.assertEqual(bad, [], "Boost.Asio/Beast used below the gateway")

    def test_cxml_and_catalog_know_nothing_of_each_other(self):
        self.assertEqual(self.violations(sources("cxml"), lambda i: i.startswith("catalog/")), [])
        self.assertEqual(self.violations(sources("catalog"), lambda i: i.startswith("cxml/")), [])

    def test_libraries_do_not_reach_up_into_the_gateway_or_tools(self):
        bad = self.violations(sources("cxml", "catalog"),
                              lambda i: i.startswith(("gateway/", "tools/")))
        self.assertEqual(bad, [])

    def test_pugixml_only_inside_cxml(self):
        files = [p for p in all_sources()
                 if p.relative_to(ROOT).parts[0] != "cxml" and not is_benchmark(p)]
        self.assertEqual(self.violations(files, lambda i: i.endswith("pugixml.hpp")), [])

    def test_sqlite_only_inside_catalog(self):
        files = [p for p in all_sources()
                 if p.relative_to(ROOT).parts[0] != "catalog" and not is_benchmark(p)]
        self.assertEqual(self.violations(files, lambda i: i.endswith("sqlite3.h")), [])

    def test_no_pugixml_or_sqlite_type_in_public_headers(self):
        # Public headers are the .hpp files directly in cxml/ and catalog/; private ones
        # live in a detail/ subfolder.
        bad = []
        for folder, word in (("cxml", "pugi::"), ("catalog", "sqlite3")):
            for path in sorted((ROOT / folder).glob("*.hpp")):
                text = path.read_text(encoding="utf-8")
                if word in text:
                    bad.append(f"{path.relative_to(ROOT)} mentions {word}")
        self.assertEqual(bad, [])

    def test_the_service_layer_knows_nothing_of_http(self):
        bad = self.violations(sources("gateway/service"),
                              lambda inc: inc.startswith(("boost/asio", "boost/beast")))
        self.assertEqual(bad, [], "Boost.Asio/Beast used in the protocol-free service layer")

    def test_gateway_layers_include_only_the_layers_below_them(self):
        bad = []
        for layer, allowed in GATEWAY_LAYERS.items():
            def forbidden(inc, allowed=allowed, layer=layer):
                if not inc.startswith("gateway/"):
                    return False
                parts = inc.split("/")
                # The application (gateway/application.hpp) composes the layers; none uses it.
                return len(parts) < 3 or (parts[1] != layer and parts[1] not in allowed)
            bad += self.violations(sources(f"gateway/{layer}"), forbidden)
        self.assertEqual(bad, [])

    def test_every_gateway_source_is_in_a_layer(self):
        # Only the composition root (application, main) sits directly in gateway/.
        loose = sorted(p.name for p in (ROOT / "gateway").glob("*")
                       if p.suffix in SOURCE_SUFFIXES)
        self.assertEqual(loose, ["application.cpp", "application.hpp", "main.cpp"])

    def test_punchoutctl_is_built_on_the_service_layer_alone(self):
        bad = self.violations(sources("tools/punchoutctl"),
                              lambda i: i.startswith(("boost/asio", "boost/beast")) or
                              (i.startswith("gateway/") and not i.startswith("gateway/service/")))
        self.assertEqual(bad, [])
        cmake = (ROOT / "tools" / "punchoutctl" / "CMakeLists.txt").read_text(encoding="utf-8")
        linked = re.search(r"target_link_libraries\(punchoutctl([^)]*)\)", cmake).group(1).split()
        self.assertNotIn("gateway", linked)
        self.assertFalse([lib for lib in linked if lib.startswith("gateway_")
                          and lib != "gateway_service"], linked)

    def test_the_punchoutctl_binary_has_no_beast_or_asio_in_it(self):
        binary = BIN / "punchoutctl"
        self.assertTrue(binary.exists(), f"{binary} is not built")
        symbols = subprocess.run(["nm", "-C", str(binary)], capture_output=True, text=True,
                                 check=True).stdout
        self.assertGreater(len(symbols), 1000)  # the scan reads a real symbol table
        self.assertNotIn("boost::beast", symbols)
        self.assertNotIn("boost::asio", symbols)

    def test_the_checks_see_real_files(self):
        # Guards against the scan silently reading nothing (a moved tree, a bad root).
        self.assertTrue(any(True for _ in sources("cxml")))
        self.assertTrue(any(True for _ in sources("catalog")))
        self.assertTrue(any(True for _ in sources("gateway")))
        for layer in GATEWAY_LAYERS:
            self.assertTrue(any(True for _ in sources(f"gateway/{layer}")), layer)


if __name__ == "__main__":
    unittest.main()
