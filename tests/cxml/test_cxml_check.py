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


if __name__ == "__main__":
    unittest.main()
