"""punchoutctl end to end, through the real binary: every command's table and JSON shape,
exit codes (0 success, 1 failed operation, 2 usage error), --help at every level, secrets
never printed, and a progress bar only on a terminal."""
import json
import os
import pathlib
import pty
import re
import select
import stat
import subprocess
import tempfile
import unittest

BIN = pathlib.Path(os.environ["PUNCHOUT_BIN_DIR"]) / "punchoutctl"
FIXTURES = pathlib.Path(os.environ["PUNCHOUT_SOURCE_DIR"]) / "tests" / "fixtures" / "catalog"
SECRET = "s3cret-direct-0001"
HUB_SECRET = "s3cret-hub-network-0002"
MAC_KEY = "mac-key-0123456789abcdef"
OCI_PASSWORD = "oci-Passw0rd-xyz"
SECRETS = [SECRET, HUB_SECRET, MAC_KEY, OCI_PASSWORD]


class Cli:
    def __init__(self, db):
        self.db = db
        self.outputs = []  # every stdout and stderr, to check no secret ever appears

    def run(self, *args, stdin=None, db=True, expect=0):
        cmd = [str(BIN)] + (["--db", str(self.db)] if db else []) + [str(a) for a in args]
        p = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=120)
        self.outputs += [p.stdout, p.stderr]
        if expect is not None and p.returncode != expect:
            raise AssertionError(f"{args}: exit {p.returncode}, expected {expect}\n"
                                 f"stdout: {p.stdout}\nstderr: {p.stderr}")
        return p

    def json(self, *args, stdin=None, expect=0):
        p = self.run("--json", *args, stdin=stdin, expect=expect)
        return json.loads(p.stdout)


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


class PunchoutctlTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = pathlib.Path(self.tmp.name)
        self.cli = Cli(self.dir / "catalog.db")

    def tearDown(self):
        for text in self.cli.outputs:
            for secret in SECRETS:
                self.assertNotIn(secret, text, "a secret was printed")
        self.tmp.cleanup()

    def init_with_data(self):
        self.cli.run("init")
        self.cli.run("buyer", "add", "acme", "--name", "Acme Oy", "--credential",
                     "NetworkID:AN01000000087", "--credential", "DUNS:123456789",
                     "--shared-secret-file", "-", stdin=SECRET + "\n")
        self.cli.run("catalog", "import", FIXTURES / "search.csv")

    # --- help and exit codes ------------------------------------------------------------

    def test_help_at_every_level(self):
        top = self.cli.run("--help", db=False)
        groups = re.findall(r"^  ([\w-]+)\s", top.stdout.split("Commands:")[1], re.M)
        self.assertIn("buyer", groups)
        self.assertIn("api-client", groups)
        self.assertIn("catalog", groups)
        for group in groups:
            if group == "cxml":
                continue  # another session builds it
            g = self.cli.run(group, "--help", db=False)
            self.assertIn(f"usage: punchoutctl [--db FILE] [--json] {group}", g.stdout)
            if group == "init":
                continue  # a command without sub-commands
            subs = re.findall(r"^  ([\w-]+)\s", g.stdout.split("Commands:")[1], re.M)
            self.assertTrue(subs, group)
            for sub in subs:
                h = self.cli.run(group, sub, "--help", db=False)
                self.assertIn(f"usage: punchoutctl [--db FILE] [--json] {group} {sub}", h.stdout)
                self.assertIn("--help", h.stdout)
                self.assertEqual(h.stderr, "")

    def test_usage_errors_exit_2(self):
        self.cli.run("init")
        cases = [
            ([], "usage:"),
            (["frobnicate"], "unknown command"),
            (["buyer"], "Commands:"),
            (["buyer", "frob"], "unknown command 'frob'"),
            (["buyer", "add", "x", "--name", "X"], "missing --credential"),
            (["buyer", "add", "x", "--name", "X", "--credential", "no-colon"], "DOMAIN:IDENTITY"),
            (["buyer", "show"], "missing ID"),
            (["buyer", "show", "a", "b"], "too many"),
            (["buyer", "list", "--bogus"], "unrecognised option"),
            (["prices", "set", "--buyer", "acme", "--sku", "X", "--price", "12,50"],
             "dot as the decimal separator"),
            (["prices", "set", "--buyer", "acme", "--sku", "X", "--price", "1", "--from",
              "01.03.2025"], "YYYY-MM-DD"),
            (["prices", "delete", "--buyer", "acme"], "exactly one of"),
            (["sender", "add", "s", "--credential", "A:B", "--shared-secret-file", "-"],
             "--buyers ID,ID or --any-buyer"),
            (["sender", "add", "s", "--credential", "A:B", "--shared-secret-file", "-",
              "--buyers", "a", "--any-buyer"], "not both"),
            (["catalog", "search", "x", "--buyer", "acme", "--sort", "cheapest"], "--sort"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                p = self.cli.run(*args, expect=2, db=bool(args))
                self.assertIn(message, p.stderr)
        p = self.cli.run("buyer", "list", db=False, expect=2)
        self.assertIn("needs --db FILE", p.stderr)

    def test_failed_operations_exit_1(self):
        p = self.cli.run("buyer", "list", expect=1)
        self.assertIn("does not exist", p.stderr)
        self.assertIn("init", p.stderr)
        self.assertFalse(self.cli.db.exists(), "only init creates the database")
        self.init_with_data()
        cases = [
            (["buyer", "show", "nobody"], "no buyer 'nobody'"),
            (["buyer", "add", "acme", "--name", "A", "--credential", "X:Y"], "already exists"),
            (["buyer", "add", "beta", "--name", "B", "--credential", "duns:123456789"],
             "already names buyer 'acme'"),
            (["prices", "set", "--buyer", "acme", "--sku", "NOPE", "--price", "1"], "NOPE"),
            (["prices", "set", "--buyer", "nobody", "--sku", "HB-M8-40", "--price", "1"],
             "no buyer"),
            (["prices", "set", "--buyer", "acme", "--sku", "HB-M8-40", "--price", "1",
              "--currency", "eur"], "ISO 4217"),
            (["inventory", "set", "--sku", "NOPE", "--warehouse", "Vaasa", "--qty", "1"], "NOPE"),
            (["catalog", "show", "NOPE"], "no product"),
            (["catalog", "import", self.dir / "missing.csv"], "cannot be opened"),
            (["sender", "add", "x", "--credential", "A:B", "--shared-secret-file",
              self.dir / "nofile", "--any-buyer"], "cannot read"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                p = self.cli.run(*args, expect=1)
                self.assertIn(message, p.stderr)
                self.assertEqual(p.stdout, "")

    # --- init ---------------------------------------------------------------------------

    def test_init_creates_a_private_file_and_is_idempotent(self):
        first = self.cli.json("init")
        self.assertEqual(first, {"database": str(self.cli.db), "created": True,
                                 "schema_version": first["schema_version"]})
        self.assertGreaterEqual(first["schema_version"], 1)
        self.assertEqual(stat.S_IMODE(self.cli.db.stat().st_mode), 0o600)
        again = self.cli.json("init")
        self.assertFalse(again["created"])
        table = self.cli.run("init").stdout
        self.assertRegex(table, r"database:\s+" + re.escape(str(self.cli.db)))
        self.assertRegex(table, r"schema version:\s+\d+")

    # --- buyers -------------------------------------------------------------------------

    def test_buyer_commands(self):
        self.cli.run("init")
        secret_file = write(self.dir / "secret.txt", SECRET + "\n")
        added = self.cli.json("buyer", "add", "acme", "--name", "Acme Oy", "--credential",
                              "NetworkID:AN01000000087", "--currency", "SEK",
                              "--shared-secret-file", secret_file)
        self.assertEqual(list(added.keys()), [
            "id", "name", "enabled", "credentials", "currency", "cxml_version", "cart_transport",
            "order_policy", "document_url", "unit_map", "catalog_view", "frame_origins",
            "postback_hosts", "oci_username", "oci_password_set", "oci_hook_field",
            "platform", "http_status", "outbound_credential",
            "outbound_test_identity", "outbound_secret_set", "created_at", "updated_at",
            "direct_sender"])
        self.assertEqual(added["credentials"], [{"domain": "NetworkID", "identity": "AN01000000087"}])
        self.assertEqual(added["currency"], "SEK")
        self.assertEqual(added["platform"], "generic")
        self.assertEqual(added["http_status"], "cxml")
        self.assertEqual(added["cxml_version"], "1.2.071")
        self.assertEqual(added["cart_transport"], "cxml-base64")
        self.assertEqual(added["order_policy"], "accept-and-flag")
        self.assertEqual(added["direct_sender"], "acme")
        self.assertEqual(added["catalog_view"], {"categories": [], "sku_count": 0})
        self.assertRegex(added["created_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        # Without a secret: no direct sender.
        beta = self.cli.json("buyer", "add", "beta", "--name", "Beta AB", "--credential", "DUNS:9")
        self.assertIsNone(beta["direct_sender"])
        self.assertEqual([s["id"] for s in self.cli.json("sender", "list")], ["acme"])

        listed = self.cli.json("buyer", "list")
        self.assertEqual([b["id"] for b in listed], ["acme", "beta"])
        table = self.cli.run("buyer", "list").stdout.splitlines()
        self.assertEqual(table[0].split(), ["ID", "NAME", "ENABLED", "CURRENCY", "TRANSPORT",
                                            "CREDENTIALS"])
        self.assertTrue(table[1].startswith("acme"))

        self.cli.run("buyer", "set", "acme", "--unit-map", "EA=ST", "--unit-map", "PK=PAK",
                     "--cart-transport", "oci", "--order-policy", "reject", "--http-status",
                     "mirror", "--document-url",
                     "https://buyer.example.com/cxml", "--frame-origin", "https://s1.ariba.com",
                     "--postback-host", "s1.ariba.com", "--view-category", "Safety",
                     "--oci-username", "acme-srm", "--oci-password-file", "-",
                     stdin=OCI_PASSWORD)
        skus = write(self.dir / "skus.txt", "HB-M8-40\nNUT-M8\n\n")
        shown = self.cli.json("buyer", "set", "acme", "--view-skus-file", skus)
        self.assertEqual(shown["unit_map"], {"EA": "ST", "PK": "PAK"})
        self.assertEqual(shown["cart_transport"], "oci")
        self.assertEqual(shown["order_policy"], "reject")
        self.assertEqual(shown["http_status"], "mirror")
        self.assertEqual(shown["document_url"], "https://buyer.example.com/cxml")
        self.assertEqual(shown["frame_origins"], ["https://s1.ariba.com"])
        self.assertEqual(shown["postback_hosts"], ["s1.ariba.com"])
        self.assertEqual(shown["catalog_view"], {"categories": ["Safety"], "sku_count": 2})
        self.assertEqual(shown["oci_username"], "acme-srm")
        self.assertTrue(shown["oci_password_set"])
        cleared = self.cli.json("buyer", "set", "acme", "--clear", "unit-map", "--clear", "view-skus")
        self.assertEqual(cleared["unit_map"], {})
        self.assertEqual(cleared["catalog_view"]["sku_count"], 0)
        p = self.cli.run("buyer", "set", "acme", "--http-status", "always-500", expect=2)
        self.assertIn("--http-status: cxml or mirror", p.stderr)
        p = self.cli.run("buyer", "set", "acme", "--clear", "everything", expect=2)
        self.assertIn("not a list", p.stderr)
        p = self.cli.run("buyer", "set", "acme", "--frame-origin", "https://x/path", expect=1)
        self.assertIn("frame origin", p.stderr)

        text = self.cli.run("buyer", "show", "acme").stdout
        self.assertRegex(text, r"oci password:\s+set")
        self.assertRegex(text, r"unit map:\s+")

        self.assertEqual(self.cli.json("buyer", "disable", "acme"), {"id": "acme", "enabled": False})
        self.assertFalse(self.cli.json("buyer", "show", "acme")["enabled"])
        self.assertIn("enabled", self.cli.run("buyer", "enable", "acme").stdout)

        with_cred = self.cli.json("buyer", "credential", "add", "beta", "SystemID:BETA-SRM")
        self.assertEqual(len(with_cred["credentials"]), 2)
        without = self.cli.json("buyer", "credential", "remove", "beta", "systemid:BETA-SRM")
        self.assertEqual(without["credentials"], [{"domain": "DUNS", "identity": "9"}])
        p = self.cli.run("buyer", "credential", "remove", "beta", "DUNS:9", expect=1)
        self.assertIn("at least one", p.stderr)

    # --- senders ------------------------------------------------------------------------

    def test_api_client_commands(self):
        self.cli.run("init")
        made = self.cli.json("api-client", "add", "erp", "--scope", "prices, stock",
                             "--rate-limit", "20")
        self.assertEqual(list(made.keys()), ["id", "scopes", "enabled", "rate_limit", "token_id",
                                             "created_at", "updated_at", "rotated_at",
                                             "webhook_url", "token"])
        self.assertEqual(made["scopes"], ["stock", "prices"])
        self.assertEqual(made["rate_limit"], 20)
        token = made["token"]
        self.assertRegex(token, r"^pgw\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$")
        self.assertEqual(token.split(".")[1], made["token_id"])
        secret = token.split(".")[2]
        # The token is shown when it is made, and never again: not by show, list or set.
        for args in (("show", "erp"), ("list",), ("set", "erp", "--scope", "orders")):
            for json_out in (True, False):
                p = self.cli.run(*(["--json"] if json_out else []), "api-client", *args)
                self.assertNotIn(secret, p.stdout, args)
        self.assertEqual(self.cli.json("api-client", "show", "erp")["scopes"], ["orders"])
        text = self.cli.run("api-client", "add", "wms", "--scope", "stock").stdout
        self.assertIn("shown once", text)
        rotated = self.cli.json("api-client", "rotate", "erp")
        self.assertNotEqual(rotated["token"], token)
        self.assertNotEqual(rotated["token_id"], made["token_id"])
        self.assertIsNotNone(rotated["rotated_at"])
        table = self.cli.run("api-client", "list").stdout.splitlines()
        self.assertEqual(table[0].split(), ["ID", "SCOPES", "ENABLED", "RATE/S", "TOKEN", "ID"])
        self.assertEqual([c["id"] for c in self.cli.json("api-client", "list")], ["erp", "wms"])
        self.assertFalse(self.cli.json("api-client", "disable", "wms")["enabled"])
        self.assertFalse(self.cli.json("api-client", "show", "wms")["enabled"])
        self.assertTrue(self.cli.json("api-client", "enable", "wms")["enabled"])

        p = self.cli.run("api-client", "add", "bad", "--scope", "stock,invoices", expect=2)
        self.assertIn("no API scope 'invoices'", p.stderr)
        self.cli.run("api-client", "add", "none", expect=2)
        self.cli.run("api-client", "set", "erp", expect=2)
        p = self.cli.run("api-client", "add", "erp", "--scope", "stock", expect=1)
        self.assertIn("already exists", p.stderr)
        p = self.cli.run("api-client", "add", "fast", "--scope", "stock", "--rate-limit", "0",
                         expect=1)
        self.assertIn("rate limit", p.stderr)
        self.cli.run("api-client", "rotate", "nobody", expect=1)
        self.assertEqual(len(self.cli.json("api-client", "list")), 2)

        # Webhooks: the secret is made with the first URL and printed then, and on demand.
        hooked = self.cli.json("api-client", "set", "erp", "--webhook-url",
                               "https://erp.example/hooks/punchout")
        self.assertEqual(hooked["webhook_url"], "https://erp.example/hooks/punchout")
        self.assertRegex(hooked["webhook_secret"], r"^whsec_[A-Za-z0-9_-]{44}$")
        moved = self.cli.json("api-client", "set", "erp", "--webhook-url",
                              "https://erp.example/hooks/v2")
        self.assertNotIn("webhook_secret", moved)
        self.assertNotIn(hooked["webhook_secret"],
                         self.cli.run("api-client", "show", "erp").stdout)
        fresh = self.cli.json("api-client", "set", "erp", "--new-webhook-secret")
        self.assertNotEqual(fresh["webhook_secret"], hooked["webhook_secret"])
        p = self.cli.run("api-client", "set", "erp", "--webhook-url", "ftp://erp.example/x",
                         expect=1)
        self.assertIn("not an http(s) URL", p.stderr)
        p = self.cli.run("api-client", "set", "wms", "--webhook-url", "https://wms.example/h",
                         expect=1)
        self.assertIn("no 'orders' scope", p.stderr)
        self.assertIsNone(self.cli.json("api-client", "show", "wms")["webhook_url"])
        self.assertIsNone(self.cli.json("api-client", "set", "erp", "--webhook-url",
                                        "")["webhook_url"])

    def test_sender_commands(self):
        self.init_with_data()
        hub = self.cli.json("sender", "add", "ariba", "--credential",
                            "AribaNetworkUserId:sysadmin@ariba.com", "--shared-secret-file", "-",
                            "--any-buyer", stdin=HUB_SECRET)
        self.assertEqual(list(hub.keys()), ["id", "credential", "enabled", "any_buyer", "buyers",
                                            "mac_key_set", "previous_secret_valid",
                                            "client_certificate_sha256", "created_at",
                                            "updated_at"])
        self.assertTrue(hub["any_buyer"])
        self.assertFalse(hub["mac_key_set"])
        mac = write(self.dir / "mac.key", MAC_KEY)
        linked = self.cli.json("sender", "set", "ariba", "--buyers", "acme", "--mac-key-file", mac)
        self.assertEqual(linked["buyers"], ["acme"])
        self.assertFalse(linked["any_buyer"])
        self.assertTrue(linked["mac_key_set"])
        self.assertFalse(self.cli.json("sender", "set", "ariba", "--no-mac-key")["mac_key_set"])
        rotated = self.cli.run("sender", "set", "ariba", "--shared-secret-file", "-",
                               stdin="rotated-" + HUB_SECRET)
        self.assertIn("stored as a salted hash", rotated.stdout)
        table = self.cli.run("sender", "list").stdout.splitlines()
        self.assertEqual(table[0].split(), ["ID", "CREDENTIAL", "ENABLED", "BUYERS", "MAC", "KEY"])
        self.assertEqual([s["id"] for s in self.cli.json("sender", "list")], ["acme", "ariba"])
        self.assertFalse(self.cli.json("sender", "disable", "ariba")["enabled"])
        self.assertTrue(self.cli.json("sender", "show", "ariba")["enabled"] is False)
        p = self.cli.run("sender", "add", "dup", "--credential", "aribanetworkuserid:SysAdmin@Ariba.com",
                         "--shared-secret-file", "-", "--any-buyer", stdin="another-secret-1",
                         expect=1)
        self.assertIn("already belongs to sender 'ariba'", p.stderr)
        p = self.cli.run("sender", "add", "weak", "--credential", "A:weak",
                         "--shared-secret-file", "-", "--any-buyer", stdin="short", expect=1)
        self.assertIn("8-1024 bytes", p.stderr)
        p = self.cli.run("sender", "add", "ghost", "--credential", "A:ghost",
                         "--shared-secret-file", "-", "--buyers", "acme,ghost",
                         stdin="long-enough-secret", expect=1)
        self.assertIn("no buyer 'ghost'", p.stderr)
        # The database holds hashes, never the secrets.
        raw = b"".join(f.read_bytes() for f in self.dir.glob("catalog.db*"))
        for secret in (SECRET, HUB_SECRET):
            self.assertNotIn(secret.encode(), raw)

    # --- catalog ------------------------------------------------------------------------

    def test_catalog_import_show_list_search_delete(self):
        self.cli.run("init")
        self.cli.run("buyer", "add", "acme", "--name", "Acme", "--credential", "DUNS:1")
        report = self.cli.json("catalog", "import", FIXTURES / "basic.csv")
        self.assertEqual(list(report.keys()), ["file", "applied", "rows", "inserted", "updated",
                                               "unchanged", "deleted", "issue_count", "issues",
                                               "seconds"])
        self.assertTrue(report["applied"])
        self.assertEqual((report["rows"], report["inserted"]), (3, 3))
        self.assertEqual(list(report["seconds"].keys()),
                         ["validate", "write_lock", "total"])
        again = self.cli.run("catalog", "import", FIXTURES / "basic.csv").stdout
        self.assertRegex(again, r"unchanged:\s+3")
        cif = self.cli.json("catalog", "import", FIXTURES / "incremental.cif")
        self.assertTrue(cif["applied"])

        bolt = self.cli.json("catalog", "show", "HB-M8-40")
        self.assertEqual(bolt["list_price"], 12.5)  # exact decimal text in the JSON
        self.assertIn('"list_price": 12.50', self.cli.run("--json", "catalog", "show",
                                                          "HB-M8-40").stdout)
        self.assertEqual(bolt["attributes"], [{"name": "Material", "value": "Steel 8.8"},
                                              {"name": "Length", "value": "40 mm"}])
        self.assertEqual(bolt["category"], "Fasteners > Bolts > Hex bolts")
        self.assertEqual(bolt["stock"]["total"], 0)
        self.assertIsNone(bolt["stock"]["newest_update"])
        self.assertIn("Material:", self.cli.run("catalog", "show", "HB-M8-40").stdout)

        listed = self.cli.json("catalog", "list", "--limit", "2")
        self.assertEqual([p["sku"] for p in listed], ["CD-18V", "CIF-100"])
        after = self.cli.json("catalog", "list", "--after", "CIF-100")
        self.assertEqual(after[0]["sku"], "CIF-400")
        self.assertEqual(self.cli.run("catalog", "list").stdout.split()[:6],
                         ["SKU", "DESCRIPTION", "PRICE", "CURRENCY", "UNIT", "CATEGORY"])

        found = self.cli.json("catalog", "search", "nitrile", "--buyer", "acme")
        self.assertEqual(list(found.keys()), ["total", "total_exact", "order", "hits", "categories"])
        self.assertEqual(found["total"], 1)
        self.assertEqual(found["hits"][0]["sku"], "SG-NIT-L")
        self.assertEqual(found["hits"][0]["price_source"], "list")
        self.assertEqual(found["categories"], [{"path": "Safety", "count": 1},
                                               {"path": "Safety > Gloves", "count": 1}])
        hostile = self.cli.json("catalog", "search", 'NEAR( "* -', "--buyer", "acme")
        self.assertEqual(hostile["total"], 0)
        self.assertIn("matches", self.cli.run("catalog", "search", "bolt", "--buyer", "acme").stdout)

        self.assertEqual(self.cli.json("catalog", "delete", "CD-18V"),
                         {"sku": "CD-18V", "deleted": True})
        self.cli.run("catalog", "delete", "CD-18V", expect=1)

    def test_catalog_export_cif_writes_the_buyers_catalog_whole(self):
        self.init_with_data()
        self.cli.run("buyer", "set", "acme", "--view-category", "Fasteners")
        self.cli.run("prices", "set", "--buyer", "acme", "--sku", "HB-M8-40", "--price", "11.00")
        out = self.dir / "acme.cif"
        # Without an identity to name us by, nothing is written.
        p = self.cli.run("catalog", "export-cif", "--buyer", "acme", "--out", out, expect=2)
        self.assertIn("--supplier-id", p.stderr)
        self.assertFalse(out.exists())
        p = self.cli.run("catalog", "export-cif", "--buyer", "acme", "--out", out,
                         "--supplier-id", "DUNS:555000111", "--punchout", expect=2)
        self.assertIn("--punchout-url", p.stderr)

        done = self.cli.json("catalog", "export-cif", "--buyer", "acme", "--out", out,
                             "--supplier-id", "DUNS:555000111")
        fasteners = [p["sku"] for p in self.cli.json("catalog", "list")
                     if p["category"].startswith("Fasteners")]
        self.assertEqual(done["items"], len(fasteners))
        self.assertEqual((done["supplier_id"], done["punchout"]), ("DUNS:555000111", False))
        text = out.read_bytes().decode("utf-8")
        self.assertTrue(text.startswith("CIF_I_V3.0\r\n"), text[:80])
        self.assertTrue(text.endswith("ENDOFDATA\r\n"))
        self.assertIn(f"ITEMCOUNT: {len(fasteners)}\r\n", text)
        self.assertIn('555000111,HB-M8-40,NB-933-0840,"Hex bolt M8 x 40, DIN 933",31161500,'
                      "11.00,PK,", text)
        self.assertFalse((self.dir / "acme.cif.part").exists())

        # Another store loads it: the buyer's view, at the buyer's price.
        other = Cli(self.dir / "other.db")
        other.run("init")
        report = other.json("catalog", "import", out)
        self.assertTrue(report["applied"], report)
        loaded = other.json("catalog", "list")
        self.assertEqual(sorted(p["sku"] for p in loaded), sorted(fasteners))
        self.assertEqual(other.json("catalog", "show", "HB-M8-40")["list_price"], 11.0)

        level2 = self.cli.run("catalog", "export-cif", "--buyer", "acme", "--out", "-",
                              "--supplier-id", "DUNS:555000111", "--punchout",
                              "--punchout-url", "https://supplier.example/cxml").stdout
        self.assertIn(", PunchOut Enabled, PunchOut Level\n", level2)  # text-mode newlines
        self.assertIn(",https://supplier.example/cxml,", level2)
        self.assertIn(",TRUE,product\n", level2)
        p = self.cli.run("catalog", "export-cif", "--buyer", "acme", "--out",
                         self.dir / "missing" / "x.cif", "--supplier-id", "DUNS:1", expect=1)
        self.assertIn("cannot write", p.stderr)
        self.assertFalse((self.dir / "missing").exists())
        p = self.cli.run("catalog", "export-cif", "--buyer", "nobody", "--out", out,
                         "--supplier-id", "DUNS:1", expect=1)
        self.assertIn("nobody", p.stderr)

    def test_a_bad_import_lists_its_problems_and_changes_nothing(self):
        self.cli.run("init")
        self.cli.run("catalog", "import", FIXTURES / "basic.csv")
        rows = ["sku,description,uom,price,currency,unspsc"]
        rows += [f"B{i},Bad,EA,\"1,{i}\",EUR,31161500" for i in range(12)]
        rows += ["HB-M8-40,Changed,EA,1,EUR,31.16.15.00"]
        bad = write(self.dir / "bad.csv", "\n".join(rows) + "\n")
        p = self.cli.run("catalog", "import", bad, expect=1)
        lines = p.stderr.splitlines()
        self.assertEqual(lines[0], f"{bad}:2: column 'price': '1,0' is not a decimal number: use a "
                                   "dot as the decimal separator and no thousands separator")
        self.assertEqual(len([l for l in lines if l.startswith(str(bad))]), 10 + 1)
        self.assertIn("... and 3 more", p.stderr)
        self.assertIn("nothing was imported (13 problems)", p.stderr)
        self.assertEqual(p.stdout, "")
        report = self.cli.json("catalog", "import", bad, expect=1)
        self.assertFalse(report["applied"])
        self.assertEqual(report["issue_count"], 13)
        self.assertEqual(len(report["issues"]), 10)
        self.assertEqual(report["issues"][0], {"file": str(bad), "line": 2, "column": "price",
                                               "value": "1,0", "message": report["issues"][0]["message"]})
        self.assertEqual(self.cli.json("catalog", "show", "HB-M8-40")["description"],
                         "Hex bolt M8 x 40, DIN 933")

    # --- prices -------------------------------------------------------------------------

    def test_prices_commands(self):
        self.init_with_data()
        entry = self.cli.json("prices", "set", "--buyer", "acme", "--sku", "HB-M8-40", "--price",
                              "11.5", "--min-qty", "10", "--from", "2025-01-01", "--to",
                              "2030-01-01T00:00:00Z")
        self.assertEqual(len(entry), 1)
        self.assertEqual(list(entry[0].keys()), ["id", "buyer", "sku", "price", "currency",
                                                 "min_qty", "valid_from", "valid_to"])
        self.assertEqual(entry[0]["currency"], "EUR")
        self.assertEqual(entry[0]["valid_from"], "2025-01-01T00:00:00Z")
        self.assertIn('"price": 11.50', self.cli.run("--json", "prices", "list", "--buyer",
                                                      "acme").stdout)
        prices = write(self.dir / "acme-prices.csv",
                       "sku,price,min_qty,valid_from\nNUT-M8,2.90,,\nNUT-M8,2.50,100,\n"
                       "HB-M8-40,12.00,,2025-01-01\n")
        merged = self.cli.json("prices", "import", "--buyer", "acme", prices, "--merge")
        self.assertTrue(merged["applied"])
        self.assertEqual(merged["inserted"], 3)
        self.assertEqual(len(self.cli.json("prices", "list", "--buyer", "acme")), 4)
        replaced = self.cli.json("prices", "import", "--buyer", "acme", prices)
        self.assertEqual(replaced["deleted"], 4)
        self.assertEqual(len(self.cli.json("prices", "list", "--buyer", "acme")), 3)
        self.assertEqual(len(self.cli.json("prices", "list", "--buyer", "acme", "--sku", "NUT-M8")), 2)
        table = self.cli.run("prices", "list", "--buyer", "acme").stdout.splitlines()
        self.assertEqual(table[0].split(), ["ID", "SKU", "PRICE", "CURRENCY", "MIN", "QTY", "FROM", "TO"])

        resolved = self.cli.json("prices", "resolve", "--buyer", "acme", "--sku", "NUT-M8",
                                 "--qty", "150", "--at", "2026-01-01")
        self.assertEqual(list(resolved.keys()), ["buyer", "sku", "quantity", "at", "price",
                                                 "currency", "source", "valid_until", "tiers"])
        self.assertEqual((resolved["price"], resolved["source"]), (2.5, "contract-tier"))
        self.assertEqual([t["min_qty"] for t in resolved["tiers"]], [1, 100])
        listed = self.cli.json("prices", "resolve", "--buyer", "acme", "--sku", "SH-WHITE")
        self.assertEqual(listed["source"], "list")
        self.assertEqual(listed["tiers"], [])

        bad = write(self.dir / "bad-prices.csv", "sku,price\nGHOST,1\nNUT-M8,\"2,5\"\n")
        p = self.cli.run("prices", "import", "--buyer", "acme", bad, expect=1)
        self.assertIn(f"{bad}:2: column 'sku': 'GHOST' is not a SKU in the catalog", p.stderr)
        self.assertEqual(len(self.cli.json("prices", "list", "--buyer", "acme")), 3)

        one = self.cli.json("prices", "list", "--buyer", "acme")[0]["id"]
        self.assertEqual(self.cli.json("prices", "delete", "--buyer", "acme", "--id", one),
                         {"buyer": "acme", "deleted": 1})
        self.assertEqual(self.cli.json("prices", "delete", "--buyer", "acme", "--all")["deleted"], 2)

    # --- inventory ----------------------------------------------------------------------

    def test_inventory_commands(self):
        self.init_with_data()
        shown = self.cli.json("inventory", "set", "--sku", "HB-M8-40", "--warehouse", "Vaasa",
                              "--qty", "42", "--at", "2025-03-01T10:14:00Z")
        self.assertEqual(shown, {"sku": "HB-M8-40", "total": 42,
                                 "oldest_update": "2025-03-01T10:14:00Z",
                                 "newest_update": "2025-03-01T10:14:00Z",
                                 "warehouses": [{"warehouse": "Vaasa", "quantity": 42,
                                                 "updated_at": "2025-03-01T10:14:00Z"}]})
        stock = write(self.dir / "stock.csv",
                      "sku,warehouse,quantity,updated_at\nHB-M8-40,Tampere,7.5,2025-03-01T09:00:00Z\n"
                      "NUT-M8,Vaasa,100,\n")
        report = self.cli.json("inventory", "import", stock)
        self.assertTrue(report["applied"])
        both = self.cli.json("inventory", "show", "HB-M8-40")
        self.assertEqual(both["total"], 49.5)
        self.assertEqual([w["warehouse"] for w in both["warehouses"]], ["Tampere", "Vaasa"])
        self.assertEqual(both["oldest_update"], "2025-03-01T09:00:00Z")
        table = self.cli.run("inventory", "show", "HB-M8-40").stdout.splitlines()
        self.assertEqual(table[0].split(), ["WAREHOUSE", "QUANTITY", "UPDATED"])
        self.assertEqual(table[-1].split(), ["total", "49.5"])
        bad = write(self.dir / "bad-stock.csv", "sku,warehouse,quantity\nHB-M8-40,Vaasa,-1\n")
        p = self.cli.run("inventory", "import", bad, expect=1)
        self.assertIn("column 'quantity': '-1' is negative", p.stderr)

    # --- progress output ----------------------------------------------------------------

    def test_progress_only_on_a_terminal(self):
        self.cli.run("init")
        piped = self.cli.run("catalog", "import", FIXTURES / "search.csv")
        self.assertNotIn("\r", piped.stderr + piped.stdout)
        self.assertNotIn("\x1b", piped.stderr + piped.stdout)
        self.assertEqual(piped.stderr, "")

        # The same import with stderr on a pseudo-terminal draws (and then clears) a bar.
        master, slave = pty.openpty()
        p = subprocess.Popen([str(BIN), "--db", str(self.cli.db), "catalog", "import",
                              FIXTURES / "basic.csv"], stdout=subprocess.PIPE, stderr=slave)
        os.close(slave)
        drawn = b""
        while True:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                break
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
        out, _ = p.communicate(timeout=60)
        os.close(master)
        self.assertEqual(p.returncode, 0)
        self.assertIn(b"rows", drawn)
        self.assertIn(b"\r", drawn)
        self.assertNotIn(b"rows checked", out)  # the bar never reaches stdout
        self.cli.outputs.append(drawn.decode(errors="replace"))


if __name__ == "__main__":
    unittest.main()
