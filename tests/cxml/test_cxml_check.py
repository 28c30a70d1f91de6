"""punchoutctl cxml check: table and JSON output, exit codes 0 / 1 / 2, through the real
binary."""
import json
import os
import pathlib
import subprocess
import tempfile
import unittest

BIN = pathlib.Path(os.environ["PUNCHOUT_BIN_DIR"]) / "punchoutctl"
SOURCE = pathlib.Path(os.environ["PUNCHOUT_SOURCE_DIR"])
SHARED = pathlib.Path(os.environ["PUNCHOUT_SHARED_DIR"])
FIXTURES = SOURCE / "tests" / "fixtures" / "cxml"
CORPUS = SHARED / "conformance"


def run(*args):
    return subprocess.run([str(BIN), *map(str, args)], capture_output=True, text=True,
                          timeout=60)


class CxmlCheck(unittest.TestCase):
    def test_accepted_file_prints_its_summary_and_exits_0(self):
        r = run("cxml", "check", FIXTURES / "ariba-network-setup-request.xml")
        self.assertEqual(r.returncode, 0, r.stderr)
        header, row = r.stdout.splitlines()[:2]
        for column in ("FILE", "RESULT", "TYPE", "MODE", "FROM", "TO", "SENDER", "LINES"):
            self.assertIn(column, header)
        self.assertIn("accepted", row)
        self.assertIn("PunchOutSetupRequest", row)
        self.assertIn("test", row)
        self.assertIn("NetworkID:AN01000002779-T, DUNS:123456789-T, SystemID:S4H_100", row)
        self.assertIn("AribaNetworkUserId:sysadmin@ariba.com", row)

    def test_deviations_are_listed_with_their_location(self):
        r = run("cxml", "check", FIXTURES / "coupa-direct-setup-request.xml")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = [l for l in r.stdout.splitlines() if "deviation:" in l]
        self.assertTrue(any("<BrowserFormPost> comes after <Contact>" in l and "line 37" in l
                            and "at cXML/Request/PunchOutSetupRequest/BrowserFormPost" in l
                            for l in lines), r.stdout)

    def test_a_rejected_file_makes_the_exit_code_1(self):
        good = FIXTURES / "oracle-order-request.xml"
        bad = CORPUS / "business-cxml" / "unintelligible-response.xml"
        r = run("cxml", "check", good, bad)
        self.assertEqual(r.returncode, 1)
        self.assertIn("rejected (406)", r.stdout)
        self.assertIn("OrderRequest", r.stdout)
        error = [l for l in r.stdout.splitlines() if l.startswith(f"{bad}: error 406")]
        self.assertEqual(len(error), 1, r.stdout)
        self.assertIn("line 5", error[0])

    def test_json_output(self):
        garbage = CORPUS / "business-cxml" / "garbage-request.xml"
        order = FIXTURES / "ariba-network-order-request.xml"
        r = run("--json", "cxml", "check", order, garbage)
        self.assertEqual(r.returncode, 1)
        data = json.loads(r.stdout)
        self.assertEqual(data["accepted"], 1)
        self.assertEqual(data["rejected"], 1)
        first, second = data["files"]
        self.assertTrue(first["accepted"])
        self.assertEqual(first["type"], "OrderRequest")
        self.assertEqual(first["deployment_mode"], "test")
        self.assertEqual(first["lines"], 1)
        self.assertEqual(first["from"][0], {"domain": "NetworkID", "identity": "AN01000002779-T"})
        self.assertIsNone(first["error"])
        self.assertFalse(second["accepted"])
        self.assertEqual(second["error"]["status"], 450)
        self.assertEqual(second["error"]["kind"], "unknown_element")
        self.assertEqual(second["error"]["element"], "GarbageRequest")
        self.assertEqual(second["error"]["location"]["path"], "cXML/Request/GarbageRequest")
        self.assertEqual(second["error"]["location"]["line"], 24)

    def test_documents_we_do_not_handle_are_accepted_and_named(self):
        r = run("--json", "cxml", "check", CORPUS / "officeluv-cxml" / "envelope2.xml")
        self.assertEqual(r.returncode, 0)
        data = json.loads(r.stdout)
        self.assertEqual(data["files"][0]["type"], "unsupported")
        self.assertEqual(data["files"][0]["element"], "CopyRequest")

    def test_limits_can_be_set(self):
        r = run("cxml", "check", "--max-bytes", "100", FIXTURES / "oracle-order-request.xml")
        self.assertEqual(r.returncode, 1)
        self.assertIn("rejected (413)", r.stdout)
        self.assertIn("limit of 100 bytes", r.stdout)

    def test_unreadable_file_is_rejected(self):
        with tempfile.TemporaryDirectory() as tmp:
            missing = pathlib.Path(tmp) / "missing.xml"
            r = run("cxml", "check", missing)
            self.assertEqual(r.returncode, 1)
            self.assertIn("cannot read the file", r.stdout)
            empty = pathlib.Path(tmp) / "empty.xml"
            empty.write_bytes(b"")
            r = run("cxml", "check", empty)
            self.assertEqual(r.returncode, 1)
            self.assertIn("document is empty", r.stdout)

    def test_usage_errors_exit_2(self):
        for args in (["cxml"], ["cxml", "check"], ["cxml", "frobnicate"],
                     ["cxml", "check", "--max-bytes", "lots", "x.xml"],
                     ["cxml", "check", "--bogus", "x.xml"]):
            r = run(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn("punchoutctl cxml:", r.stderr)

    def test_help_on_every_level(self):
        for args in (["cxml", "--help"], ["cxml", "check", "--help"]):
            r = run(*args)
            self.assertEqual(r.returncode, 0, args)
            self.assertIn("usage: punchoutctl cxml", r.stdout)
        self.assertIn("--max-depth", run("cxml", "check", "--help").stdout)


PLATFORMS = FIXTURES / "platforms"


class PlatformCheck(unittest.TestCase):
    """cxml check --platform: carts modelled on each buyer family, checked against its
    profile (docs/platform-profiles.md)."""

    def check_json(self, *args):
        r = run("--json", "cxml", "check", *args)
        return r, json.loads(r.stdout)["files"]

    def test_an_ariba_cart_lists_cuts_and_is_refused_for_a_brace_in_a_part_id(self):
        r, files = self.check_json("--platform", "ariba",
                                   PLATFORMS / "ariba-cart-cut-and-refused.xml")
        self.assertEqual(r.returncode, 1, r.stdout)
        f = files[0]
        self.assertTrue(f["platform_checked"])
        self.assertFalse(f["accepted"])
        got = [(x["line"], x["field"], x["severity"]) for x in f["platform_findings"]]
        self.assertEqual(got, [(1, "Description", "cut"), (1, "ShortName", "cut"),
                               (2, "SupplierPartID", "refused")])
        desc = f["platform_findings"][0]
        self.assertIn("first 255 bytes", desc["problem"])
        self.assertIn("this one has 312", desc["problem"])  # bytes: the text has 307 characters
        self.assertTrue(desc["fix"])
        self.assertIn("PIPE{DN50}", f["platform_findings"][2]["problem"])

    def test_the_same_cart_passes_a_generic_buyer(self):
        r, files = self.check_json("--platform", "generic",
                                   PLATFORMS / "ariba-cart-cut-and-refused.xml")
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertEqual(files[0]["platform_findings"], [])

    def test_a_clean_cart_passes_ariba_and_the_table_says_accepted(self):
        r = run("cxml", "check", "--platform", "ariba", PLATFORMS / "ariba-cart-clean.xml")
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertIn("accepted", r.stdout.splitlines()[1])

    def test_coupa_refuses_a_unit_it_does_not_have(self):
        r = run("cxml", "check", "--platform", "coupa", PLATFORMS / "coupa-cart-unknown-unit.xml")
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertIn("refused by the platform", r.stdout)
        self.assertIn("refused (line 1, UnitOfMeasure): Coupa drops the whole cart", r.stdout)
        self.assertIn("--unit-map BJ=", r.stdout)
        self.assertNotIn("line 2", r.stdout)  # BX is a unit Coupa has

    def test_jaggaer_changes_are_listed_without_refusing(self):
        r, files = self.check_json("--platform", "jaggaer",
                                   PLATFORMS / "jaggaer-cart-changed.xml")
        self.assertEqual(r.returncode, 0, r.stdout)
        fields = {x["field"]: x for x in files[0]["platform_findings"]}
        self.assertEqual(sorted(fields), ["Classification", "Extrinsic", "UnitOfMeasure",
                                          "UnitPrice"])
        self.assertIn("0.04575 would become 0.0458", fields["UnitPrice"]["problem"])
        self.assertIn("ordered as each", fields["UnitOfMeasure"]["problem"])
        self.assertEqual(fields["Extrinsic"]["severity"], "cut")

    def test_urlencoded_carts_must_be_us_ascii(self):
        cart = PLATFORMS / "utf8-cart.xml"
        r, files = self.check_json("--platform", "generic", "--transport", "cxml-urlencoded",
                                   cart)
        self.assertEqual(r.returncode, 1, r.stdout)
        finding = files[0]["platform_findings"][0]
        self.assertEqual((finding["line"], finding["field"], finding["severity"]),
                         (0, "cxml-urlencoded", "refused"))
        offset = cart.read_bytes().index("ä".encode())
        self.assertIn(f"offset {offset}", finding["problem"])
        r, files = self.check_json("--platform", "generic", cart)  # cxml-base64 by default
        self.assertEqual(r.returncode, 0, r.stdout)

    def test_documents_that_are_not_carts_are_not_checked(self):
        r, files = self.check_json("--platform", "ariba",
                                   FIXTURES / "ariba-network-setup-request.xml")
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertFalse(files[0]["platform_checked"])

    def test_an_unknown_platform_or_transport_is_a_usage_error(self):
        for args in (["--platform", "d365"], ["--platform", "ariba", "--transport", "oci"]):
            r = run("cxml", "check", *args, PLATFORMS / "ariba-cart-clean.xml")
            self.assertEqual(r.returncode, 2, args)
            self.assertIn("--", r.stderr)


if __name__ == "__main__":
    unittest.main()
