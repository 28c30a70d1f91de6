"""Orders as real buyer systems send them, end to end through POST /cxml on the real gateway:
SAP Ariba's multipart/related attachments, a PowerSchool-style ERP's reused payloadIDs, test
realms that reuse production orderIDs, SAP S/4 line tax and return lines, Coupa free-form
lines and ControlKeys, Ariba Buyer's lower-case identities, and legacy charsets and content
codings. The documents are templates in tests/fixtures/cxml/buyer-systems/ (see its README);
/work/shared/research/buyer-systems.md says what each family really sends."""
import base64
import datetime
import gzip
import hashlib
import http.client
import json
import re
import sqlite3
import time
import unittest
import zlib

from support import cxml_docs as docs
from support import dtd, paths
from support.gateway import SUPPLIER_CREDENTIAL, Gateway, Workspace, cleanup_env

cleanup_env()

FIXTURES = paths.FIXTURES_DIR / "cxml" / "buyer-systems"

# The supplier, as the gateway config names it: a DUNS (used for what we send) and its ANID.
SUPPLIER_ANID = "AN01000000321"
US = [SUPPLIER_CREDENTIAL]

# acme: an Ariba buyer registered with its ANID in the network's mixed case, and a DUNS.
ACME_ANID = "AN01000000087"
ACME_SECRET = "acme-direct-secret"
ACME = [("NetworkID", ACME_ANID)]
ACME_DIRECT = ("NetworkID", ACME_ANID, ACME_SECRET)
ARIBA_SECRET = "ariba-network-secret"
# district: a school district on a PowerSchool-style ERP.
DISTRICT_DUNS, DISTRICT_SECRET = "987654321", "district-secret"
# northwind: a Coupa customer (accept-and-flag); northwind-strict: one whose policy is reject.
NORTHWIND_DUNS, NORTHWIND_SECRET = "200300400", "northwind-coupa-secret"
STRICT_DUNS, STRICT_SECRET = "200300500", "strict-coupa-secret"
# dashco: registered with a plain DUNS, writes it with dashes.
DASHCO_SECRET = "dashco-secret"
# quest: on a platform that reads only the HTTP status (BuyerQuest), so --http-status mirror.
QUEST_DUNS, QUEST_SECRET = "300400500", "quest-http-secret"
QUEST = [("DUNS", QUEST_DUNS)]

# A PowerSchool BusinessPlus-style release time: zone-less, to the second.
STAMP = "2026-12-02T15:52:59"
UNUSED_URL = "http://127.0.0.1:9/unused"  # where outbound documents would go (nothing listens)
CRLF = b"\r\n"


def now():
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


def render(name, **values):
    """The fixture's bytes with every {{NAME}} replaced (NOW and PAYLOAD_ID by default)."""
    values.setdefault("NOW", now())
    values.setdefault("PAYLOAD_ID", docs.payload_id(name.split(".")[0]))
    data = (FIXTURES / name).read_bytes()
    for key, value in values.items():
        data = data.replace(b"{{" + key.encode() + b"}}", str(value).encode("ascii"))
    left = re.search(rb"\{\{[A-Z_]+\}\}", data)
    assert left is None, f"{name}: placeholder {left.group(0)!r} not filled"
    return data


# -- MIME ------------------------------------------------------------------------------------
def b64_lines(data):
    text = base64.b64encode(data)
    return CRLF.join(text[i:i + 76] for i in range(0, len(text), 76))


def quoted_printable(data):
    """RFC 2045 quoted-printable of text whose line breaks are CRLF (soft breaks at 76)."""
    out_lines = []
    for line in data.split(CRLF):
        encoded = []
        for i, byte in enumerate(line):
            last = i == len(line) - 1
            if (33 <= byte <= 126 and byte != ord("=")) or (byte == 0x20 and not last):
                encoded.append(bytes([byte]))
            else:
                encoded.append(b"=%02X" % byte)
        out, width = [], 0
        for token in encoded:
            if width + len(token) > 75:
                out.append(b"=" + CRLF)
                width = 0
            out.append(token)
            width += len(token)
        out_lines.append(b"".join(out))
    return CRLF.join(out_lines)


def mime_body(boundary, parts):
    """parts: (headers list, encoded body bytes). The closing delimiter ends the body."""
    out = [b"This is a multi-part message in MIME format." + CRLF]
    for headers, body in parts:
        out.append(b"--" + boundary.encode() + CRLF)
        out.append(b"".join(h.encode() + CRLF for h in headers) + CRLF)
        out.append(body + CRLF)
    out.append(b"--" + boundary.encode() + b"--" + CRLF)
    return b"".join(out)


def fake_pdf(order_id):
    """A small 'PDF' that carries every byte value, so any text mangling shows."""
    return (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Title (Drawing " + order_id.encode() +
            b") >> endobj\nstream\n" + bytes(range(256)) + bytes(range(255, -1, -1)) +
            b"\nendstream\n%%EOF\n")


def delivery_notes(order_id):
    return ("Lieferhinweise zur Bestellung " + order_id + "\r\n\r\n"
            "Bitte an Tor 3 (Warenannahme) liefern, Montag bis Freitag 7:00–15:30 Uhr; "
            "Ansprechpartner Jürgen Müller, Telefon +358 6 123 4567.\r\n"
            "Paletten nicht höher als 1,20 m stapeln.\r\n"
            "Rabatt = 3 % bei Zahlung binnen 14 Tagen.\r\n").encode("utf-8")


class BuyerSystemsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = ws = Workspace("buyer-systems")
        ws.ctl("catalog", "import", paths.FIXTURES_DIR / "catalog" / "basic.csv")
        ws.ctl("buyer", "add", "acme", "--name", "Acme Oy", "--credential",
               f"NetworkID:{ACME_ANID}", "--credential", "DUNS:100100100", "--currency", "EUR",
               "--shared-secret-file", "-", input=ACME_SECRET)
        ws.ctl("buyer", "set", "acme", "--document-url", UNUSED_URL)
        ws.ctl("sender", "add", "ariba", "--credential", "AribaNetworkUserId:sysadmin@ariba.com",
               "--shared-secret-file", "-", "--buyers", "acme", input=ARIBA_SECRET)
        ws.ctl("buyer", "add", "district", "--name", "Lakeside School District", "--credential",
               f"DUNS:{DISTRICT_DUNS}", "--shared-secret-file", "-", input=DISTRICT_SECRET)
        ws.ctl("buyer", "add", "northwind", "--name", "Northwind Oy", "--credential",
               f"DUNS:{NORTHWIND_DUNS}", "--shared-secret-file", "-", input=NORTHWIND_SECRET)
        ws.ctl("buyer", "set", "northwind", "--document-url", UNUSED_URL)
        ws.ctl("buyer", "add", "northwind-strict", "--name", "Northwind Strict Oy",
               "--credential", f"DUNS:{STRICT_DUNS}", "--shared-secret-file", "-",
               input=STRICT_SECRET)
        ws.ctl("buyer", "add", "dashco", "--name", "Dash Co", "--credential", "DUNS:123456789",
               "--shared-secret-file", "-", input=DASHCO_SECRET)
        ws.ctl("buyer", "add", "quest", "--name", "Quest Buyer Inc", "--credential",
               f"DUNS:{QUEST_DUNS}", "--shared-secret-file", "-", input=QUEST_SECRET)
        ws.ctl("buyer", "set", "quest", "--http-status", "mirror", "--document-url", UNUSED_URL)
        cls.gw = Gateway(ws, config={"supplier.credential": [
            f"{SUPPLIER_CREDENTIAL[0]}:{SUPPLIER_CREDENTIAL[1]}", f"NetworkID:{SUPPLIER_ANID}"]})
        cls.gw.start()
        cls.conf = ws.dir / "gateway.conf"

    @classmethod
    def tearDownClass(cls):
        code = cls.gw.stop()
        log = cls.gw.log_text()
        cls.ws.cleanup()
        assert code == 0, f"gateway exit code {code}:\n{log[-4000:]}"

    # -- helpers ---------------------------------------------------------------------------
    def post(self, body, content_type="text/xml; charset=UTF-8", headers=None, http_status=200):
        """POSTs to /cxml; checks the HTTP status and that the answer is DTD-valid cXML.
        Returns (cXML code, text, message, raw body)."""
        r = self.gw.post_cxml(body, content_type=content_type, headers=headers)
        self.assertEqual(r.status, http_status, r.text)
        self.assertEqual(r.header("Content-Type"), "text/xml; charset=UTF-8", r.text)
        self.assertValid(r.body)
        code, text, message, _ = docs.parse_response(r.body)
        return code, text, message, r.body

    def assertValid(self, body):
        self.assertTrue(dtd.dtds_available(), f"no cXML DTDs in {paths.DTD_DIR}")
        ok, out = dtd.validate(body)
        self.assertTrue(ok, out + body.decode("utf-8", "replace"))

    def assertAccepted(self, body, **kw):
        code, text, message, raw = self.post(body, **kw)
        self.assertEqual((code, text), (200, "OK"), message)
        return message, raw

    def query(self, sql, *args):
        with sqlite3.connect(self.ws.db) as db:
            return db.execute(sql, args).fetchall()

    def stored(self, order_id, mode=None):
        sql = "SELECT count(*) FROM purchase_order WHERE order_id = ?"
        args = [order_id]
        if mode:
            sql += " AND deployment_mode = ?"
            args.append(mode)
        return self.query(sql, *args)[0][0]

    def show(self, order_id, *args):
        return self.ws.ctl("orders", "show", order_id, *args, json_out=True)

    def listed(self, *args):
        return self.ws.ctl("orders", "list", *args, json_out=True)["orders"]

    def outbox_of(self, order_id):
        return self.query("SELECT o.document_type FROM outbox o JOIN purchase_order p"
                          " ON p.id = o.order_pk WHERE p.order_id = ? ORDER BY o.id", order_id)

    def acme_order(self, order_id, items, total, **kw):
        return docs.order_request(ACME, US, ACME_DIRECT, order_id, items, total, **kw)

    # -- 1. attachments (SAP Ariba multipart/related) ----------------------------------------
    def ariba_package(self, order_id, root_last=False, mixed=False):
        """The Ariba Network's OrderRequest with two files; the root names a third cid that
        no part carries. Returns (body, content type, {content_id: bytes})."""
        host = "s1.ariba.example"
        root_cid = f"cxml-root.{order_id}@{host}"
        pdf, notes = fake_pdf(order_id), delivery_notes(order_id)
        root_headers = ["Content-Type: text/xml; charset=UTF-8",
                        "Content-Transfer-Encoding: 8bit"]
        if not mixed:
            root_headers.append(f"Content-ID: <{root_cid}>")
        root = (root_headers, render("ariba-order-with-attachments.xml", ORDER_ID=order_id,
                                     SECRET=ARIBA_SECRET))
        files = [
            (["Content-Type: application/pdf", "Content-Transfer-Encoding: base64",
              f"Content-ID: <drawing.{order_id}@{host}>",
              'Content-Disposition: attachment; filename="Bohrfutter 4711.pdf"'],
             b64_lines(pdf)),
            (["Content-Type: text/plain; charset=UTF-8",
              "Content-Transfer-Encoding: quoted-printable",
              f"Content-ID: <delivery-notes.{order_id}@{host}>",
              'Content-Disposition: attachment; filename="Lieferhinweise.txt"'],
             quoted_printable(notes)),
        ]
        parts = files + [root] if root_last else [root] + files
        boundary = f"----=_Part_{len(order_id)}_1962584306.{int(time.time() * 1000)}"
        if mixed:
            ctype = f'multipart/mixed; boundary="{boundary}"'
        else:
            ctype = (f'multipart/related; boundary="{boundary}"; type="text/xml"; '
                     f'start="<{root_cid}>"')
        expected = {f"drawing.{order_id}@{host}": ("application/pdf", "Bohrfutter 4711.pdf", pdf),
                    f"delivery-notes.{order_id}@{host}": ("text/plain", "Lieferhinweise.txt",
                                                          notes)}
        return mime_body(boundary, parts), ctype, expected

    def assertAttachmentsKept(self, order_id, expected):
        shown = self.show(order_id)
        got = {a["content_id"]: a for a in shown["attachments"]}
        self.assertEqual(sorted(got), sorted(expected), shown["attachments"])
        for cid, (ctype, filename, data) in expected.items():
            a = got[cid]
            self.assertEqual(a["version"], 1, a)
            self.assertEqual(a["content_type"].split(";")[0].strip().lower(), ctype, a)
            self.assertEqual(a["filename"], filename, a)
            self.assertEqual(a["size"], len(data), a)
            self.assertEqual(a["sha256"], hashlib.sha256(data).hexdigest(), a)
            out = self.ws.dir / f"{order_id}-{filename}"
            self.ws.ctl("orders", "attachment", order_id, cid, "--out", out)
            written = out.read_bytes()
            self.assertEqual(written, data, cid)
            self.assertEqual(hashlib.sha256(written).hexdigest(), a["sha256"])
        missing = [d for d in shown["differences"] if d["kind"] == "attachment-missing"]
        self.assertEqual(len(missing), 1, shown["differences"])
        self.assertIn(f"approval-scan.{order_id}@s1.ariba.example", json.dumps(missing[0]))
        return shown

    def test_ariba_multipart_related_order_keeps_its_files_byte_exact(self):
        body, ctype, expected = self.ariba_package("4500017788")
        self.assertAccepted(body, content_type=ctype)
        self.assertEqual(self.stored("4500017788"), 1)
        shown = self.assertAttachmentsKept("4500017788", expected)
        self.assertEqual([line["sku"] for line in shown["lines"]], ["CD-18V", "HB-M8-40"])
        self.assertEqual(self.query(
            "SELECT count(*) FROM order_attachment a JOIN purchase_order o ON o.id = a.order_pk"
            " WHERE o.order_id = '4500017788'")[0][0], 2)
        listed = [o for o in self.listed("--buyer", "acme") if o["order_id"] == "4500017788"]
        self.assertEqual(listed[0]["attachments"], 2, listed)

    def test_multipart_related_start_names_the_root_part_wherever_it_is(self):
        body, ctype, expected = self.ariba_package("4500017789", root_last=True)
        self.assertAccepted(body, content_type=ctype)
        self.assertAttachmentsKept("4500017789", expected)

    def test_multipart_mixed_without_start_takes_the_first_part_as_the_root(self):
        body, ctype, expected = self.ariba_package("4500017790", mixed=True)
        self.assertNotIn("start=", ctype)
        self.assertAccepted(body, content_type=ctype)
        self.assertEqual(self.stored("4500017790"), 1)
        self.assertAttachmentsKept("4500017790", expected)

    def test_the_order_feed_links_each_attachment_and_serves_its_bytes_exact(self):
        body, ctype, expected = self.ariba_package("4500017792")
        self.assertAccepted(body, content_type=ctype)
        token = self.ws.ctl("api-client", "add", "erp-attachments", "--scope", "orders",
                            json_out=True)["token"]
        auth = {"Authorization": "Bearer " + token}
        feed = json.loads(self.gw.request("GET", "/api/v1/orders?limit=500", headers=auth).body)
        order = [e["order"] for e in feed["events"] if e["order"]["order_id"] == "4500017792"][0]
        self.assertIn("attachment-missing", [f["kind"] for f in order["flags"]])
        self.assertEqual(sorted(a["content_id"] for a in order["attachments"]), sorted(expected))
        for a in order["attachments"]:
            ctype_expected, filename, data = expected[a["content_id"]]
            self.assertEqual((a["filename"], a["size"], a["sha256"]),
                             (filename, len(data), hashlib.sha256(data).hexdigest()))
            # Content ids carry '@' and '.': the link percent-encodes them.
            self.assertNotIn("@", a["href"])
            r = self.gw.request("GET", a["href"], headers=auth)
            self.assertEqual(r.status, 200, r.text)
            self.assertEqual(r.body, data)
            self.assertEqual(r.header("Content-Type").split(";")[0].lower(), ctype_expected)
            self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        r = self.gw.request("GET", order["href"] + "/attachments/nothing%40here", headers=auth)
        self.assertEqual(r.status, 404, r.text)

    def test_a_truncated_multipart_body_is_406_and_stores_nothing(self):
        body, ctype, _ = self.ariba_package("4500017791")
        cut = body[:body.index(b"Content-Transfer-Encoding: base64") + 400]
        self.assertNotIn(b"--" + CRLF, cut[-10:])
        code, text, message, _ = self.post(cut, content_type=ctype)
        self.assertEqual((code, text), (406, "Not Acceptable"), message)
        self.assertTrue(message, "the 406 says what is wrong")
        self.assertEqual(self.stored("4500017791"), 0)

    # -- 2. payloadID reuse (PowerSchool-style ERP) ------------------------------------------
    def district_order(self, order_id, pid, sku, qty, price, uom, unspsc, description):
        total = f"{float(qty) * float(price):.2f}"
        return render("powerschool-order.xml", PAYLOAD_ID=pid, STAMP=STAMP, ORDER_ID=order_id,
                      BUYER_DUNS=DISTRICT_DUNS, SECRET=DISTRICT_SECRET, SKU=sku, QTY=qty,
                      PRICE=price, UOM=uom, UNSPSC=unspsc, DESCRIPTION=description, TOTAL=total)

    def test_two_orders_sharing_a_timestamp_payload_id_are_both_stored(self):
        pid = STAMP  # BusinessPlus: the payloadID is the release time, to the second
        first = self.district_order("26000123", pid, "HB-M8-40", "4", "12.50", "PK", "31161500",
                                    "Hex bolt M8 x 40, DIN 933")
        second = self.district_order("26000124", pid, "CD-18V", "1", "149.00", "EA", "27112700",
                                     "Cordless drill 18 V")
        _, first_answer = self.assertAccepted(first)
        _, second_answer = self.assertAccepted(second)
        self.assertNotEqual(first_answer, second_answer, "the second order got the first's answer")
        rows = self.query("SELECT order_id, payload_id, total FROM purchase_order"
                          " WHERE order_id IN ('26000123', '26000124') ORDER BY order_id")
        self.assertEqual(rows, [("26000123", pid, 500000), ("26000124", pid, 1490000)])
        self.assertEqual(self.show("26000124")["lines"][0]["sku"], "CD-18V")

        def counts():
            return self.query(
                "SELECT (SELECT count(*) FROM purchase_order),"
                " (SELECT count(*) FROM order_version), (SELECT count(*) FROM order_line)")[0]
        before = counts()
        _, replay = self.assertAccepted(second)
        self.assertEqual(replay, second_answer, "a byte-identical repost is a replay")
        self.assertEqual(counts(), before)

    # -- 3. test realms -----------------------------------------------------------------------
    def realm_order(self, mode, type_="new", version="1", qty="2", comment="Production PO"):
        return render("ariba-test-realm-order.xml", ORDER_ID="4500020001", SECRET=ARIBA_SECRET,
                      MODE=mode, TYPE=type_, ORDER_VERSION=version, QTY=qty,
                      TOTAL=f"{int(qty) * 12.5:.2f}", COMMENT=comment)

    def test_a_test_realm_order_is_kept_apart_from_production(self):
        self.assertAccepted(self.realm_order("production"))
        self.assertAccepted(self.realm_order("test", qty="5", comment="Test realm PO"))
        self.assertEqual(self.stored("4500020001", "production"), 1)
        self.assertEqual(self.stored("4500020001", "test"), 1)
        # The test realm cancels its order; production's stays as it was.
        self.assertAccepted(self.realm_order("test", type_="delete", version="2", qty="5",
                                             comment="Test realm cancels"))
        rows = self.query("SELECT deployment_mode, status, version FROM purchase_order"
                          " WHERE order_id = '4500020001' ORDER BY deployment_mode")
        self.assertEqual(rows, [("production", "received", 1), ("test", "cancelled", 2)])

        tests = self.listed("--mode", "test")
        self.assertEqual([(o["order_id"], o["mode"], o["status"]) for o in tests],
                         [("4500020001", "test", "cancelled")])
        prod = [o for o in self.listed("--mode", "production") if o["order_id"] == "4500020001"]
        self.assertEqual([(o["mode"], o["status"]) for o in prod], [("production", "received")])

        ambiguous = self.ws.ctl("orders", "show", "4500020001", check=False)
        self.assertEqual(ambiguous.returncode, 1, ambiguous.stdout + ambiguous.stderr)
        self.assertIn("--mode", ambiguous.stderr)
        production = self.show("4500020001", "--mode", "production")
        self.assertEqual(production["status"], "received")
        self.assertEqual(production["lines"][0]["quantity"], 2)
        self.assertEqual(self.show("4500020001", "--mode", "test")["status"], "cancelled")

    # -- 4. money -----------------------------------------------------------------------------
    def test_sap_s4_line_tax_counts_in_the_total(self):
        self.assertAccepted(render("sap-s4-line-tax-order.xml", ORDER_ID="4500030001",
                                   SECRET=ARIBA_SECRET))
        self.assertEqual(self.query(
            "SELECT total, subtotal, tax FROM purchase_order WHERE order_id = '4500030001'"),
            [(3758000, 3158000, 600000)])
        self.assertEqual(self.query(
            "SELECT l.line_number, l.tax FROM order_line l JOIN purchase_order o"
            " ON o.id = l.order_pk WHERE o.order_id = '4500030001' ORDER BY l.line_number"),
            [(10, 566200), (20, 33800)])

    def return_order(self, order_id, total):
        items = [docs.item_out("CD-18V", 2, "149.00", line=1, description="Cordless drill 18 V"),
                 '<ItemOut quantity="1" lineNumber="2" isReturn="yes"'
                 ' returnAuthorizationNumber="RMA-2231"><ItemID><SupplierPartID>HB-M8-40'
                 '</SupplierPartID></ItemID>' + docs.item_detail("12.50", uom="PK",
                                                                 description="Hex bolt M8 x 40")
                 + "</ItemOut>"]
        return self.acme_order(order_id, items, total)

    def test_a_return_line_counts_against_the_total(self):
        self.assertAccepted(self.return_order("PO-RET-1", "285.50"))  # 298.00 - 12.50
        self.assertEqual(self.query("SELECT subtotal, total FROM purchase_order"
                                    " WHERE order_id = 'PO-RET-1'"), [(2855000, 2855000)])
        self.assertEqual(self.query(
            "SELECT l.line_number, l.is_return FROM order_line l JOIN purchase_order o"
            " ON o.id = l.order_pk WHERE o.order_id = 'PO-RET-1' ORDER BY l.line_number"),
            [(1, 0), (2, 1)])
        self.assertEqual([line["flags"] for line in self.show("PO-RET-1")["lines"]],
                         [[], ["return"]])
        # Counting the return as a sale does not add up.
        code, _, message, _ = self.post(self.return_order("PO-RET-2", "310.50"))
        self.assertEqual(code, 400, message)
        self.assertIn("Total", message)
        self.assertEqual(self.stored("PO-RET-2"), 0)

    def test_a_negative_header_tax_is_400_naming_the_tax(self):
        items = [docs.item_out("CD-18V", 1, "149.00", line=1)]
        code, text, message, _ = self.post(self.acme_order("PO-NEGTAX", items, "144.00",
                                                           tax="-5.00"))
        self.assertEqual((code, text), (400, "Bad Request"), message)
        self.assertIn("Tax", message)
        self.assertIn("negative", message)
        self.assertEqual(self.stored("PO-NEGTAX"), 0)

    # -- A7. platforms that read the HTTP status (BuyerQuest) --------------------------------
    def quest_order(self, order_id, total, secret=QUEST_SECRET):
        items = [docs.item_out("CD-18V", 1, "149.00", line=1)]
        return docs.order_request(QUEST, US, ("DUNS", QUEST_DUNS, secret), order_id, items,
                                  total)

    def test_a_buyer_that_reads_http_gets_the_refusal_as_http_too(self):
        self.assertAccepted(self.quest_order("BQ-1", "149.00"))
        # A refusal is HTTP 400 as well as cXML 400, the body the same DTD-valid Response.
        code, _, message, _ = self.post(self.quest_order("BQ-2", "150.00"), http_status=400)
        self.assertEqual(code, 400, message)
        self.assertIn("Total", message)
        self.assertEqual(self.stored("BQ-2"), 0)
        # The accepted order posted again is its stored answer, HTTP 200.
        first = self.quest_order("BQ-3", "149.00")
        self.assertAccepted(first)
        self.assertAccepted(first)
        self.assertEqual(self.stored("BQ-3"), 1)
        # Every other buyer keeps HTTP 200 with the cXML Status (what Ariba and Coupa want).
        code, _, message, _ = self.post(self.acme_order(
            "PO-HTTP-1", [docs.item_out("CD-18V", 1, "149.00", line=1)], "150.00"))
        self.assertEqual(code, 400, message)

    def test_before_authentication_every_sender_gets_http_200(self):
        # The buyer is not known until the secret checks out, and an unauthenticated caller
        # learns nothing from the HTTP status about which buyers exist.
        code, _, message, _ = self.post(self.quest_order("BQ-9", "149.00", secret="wrong"))
        self.assertEqual(code, 401, message)
        self.assertEqual(self.stored("BQ-9"), 0)

    def test_an_overflowing_sum_is_400_naming_the_line(self):
        items = [docs.item_out("HB-M8-40", 1, "900000000000000", line=1, uom="PK"),
                 docs.item_out("HB-M8-40", 1, "900000000000000", line=2, uom="PK")]
        code, text, message, _ = self.post(self.acme_order("PO-OVER", items,
                                                           "1800000000000000.00"))
        self.assertEqual((code, text), (400, "Bad Request"), message)
        self.assertIn("Line 2: the line amount", message)
        self.assertEqual(self.stored("PO-OVER"), 0)

    # -- 5. free-form lines (Coupa) -------------------------------------------------------------
    def test_coupa_free_form_lines_are_kept_and_flagged(self):
        message, _ = self.assertAccepted(render(
            "coupa-free-form-order.xml", ORDER_ID="NW-PO-1001", BUYER_DUNS=NORTHWIND_DUNS,
            SECRET=NORTHWIND_SECRET))
        self.assertIn("flagged", message)
        shown = self.show("NW-PO-1001")
        flags = {line["line"]: line["flags"] for line in shown["lines"]}
        self.assertEqual(flags[2], ["non-catalog"], shown["lines"])
        self.assertEqual(flags[3], ["non-catalog"], shown["lines"])
        self.assertNotIn("non-catalog", flags[1], shown["lines"])
        self.assertEqual(sorted(d["line"] for d in shown["differences"]
                                if d["kind"] == "non-catalog"), [2, 3])
        service = next(line for line in shown["lines"] if line["line"] == 2)
        self.assertEqual((service["sku"], service["uom"]), ("", "HUR"))
        listed = [o for o in self.listed("--buyer", "northwind") if o["order_id"] == "NW-PO-1001"]
        self.assertEqual(listed[0]["non_catalog"], 2, listed)

    def test_coupa_free_form_lines_refuse_the_order_under_a_reject_policy(self):
        help_text = self.ws.ctl("buyer", "set", "--help").stdout
        self.assertIn("--order-policy", help_text)
        self.ws.ctl("buyer", "set", "northwind-strict", "--order-policy", "reject")
        code, text, message, _ = self.post(render(
            "coupa-free-form-order.xml", ORDER_ID="NWS-PO-1001", BUYER_DUNS=STRICT_DUNS,
            SECRET=STRICT_SECRET))
        self.assertEqual((code, text), (400, "Bad Request"), message)
        self.assertIn("non-catalog", message)
        self.assertIn("line 2", message.lower())
        self.assertIn("line 3", message.lower())
        self.assertNotIn("line 1:", message.lower())
        self.assertEqual(self.stored("NWS-PO-1001"), 0)

    # -- 6. ControlKeys (Coupa SCC) ---------------------------------------------------------------
    def control_keys_order(self, order_id, oc, asn):
        return render("coupa-control-keys-order.xml", ORDER_ID=order_id, OC=oc, ASN=asn,
                      BUYER_DUNS=NORTHWIND_DUNS, SECRET=NORTHWIND_SECRET,
                      COMMENT=f"OCInstruction {oc}, ASNInstruction {asn}")

    def test_control_keys_not_allowed_refuse_the_documents_but_not_the_record(self):
        self.assertAccepted(self.control_keys_order("NW-SCC-1", "notAllowed", "notAllowed"))
        r = self.ws.ctl("orders", "confirm", "NW-SCC-1", "--config", self.conf, check=False)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("ControlKeys", r.stderr)
        self.assertIn("OCInstruction", r.stderr)
        self.assertEqual(self.outbox_of("NW-SCC-1"), [])
        self.assertIsNone(self.show("NW-SCC-1")["confirmation"])

        self.ws.ctl("orders", "confirm", "NW-SCC-1", "--no-send")
        shown = self.show("NW-SCC-1")
        self.assertIsNotNone(shown["confirmation"])
        self.assertEqual(shown["status"], "confirmed")
        self.assertEqual(self.outbox_of("NW-SCC-1"), [])
        # ASNInstruction notAllowed: no ship notice either.
        r = self.ws.ctl("orders", "ship", "NW-SCC-1", "--carrier", "DHL", "--tracking", "JD1",
                        "--config", self.conf, check=False)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("ASNInstruction", r.stderr)
        self.assertEqual(self.outbox_of("NW-SCC-1"), [])

    def test_control_keys_required_before_asn_wants_a_confirmation_first(self):
        self.assertAccepted(self.control_keys_order("NW-SCC-2", "requiredBeforeASN", "allowed"))
        ship = ["orders", "ship", "NW-SCC-2", "--carrier", "DHL", "--tracking", "JD2",
                "--config", self.conf]
        r = self.ws.ctl(*ship, check=False)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("confirmation", r.stderr)
        self.assertIn("OCInstruction", r.stderr)
        self.assertEqual(self.outbox_of("NW-SCC-2"), [])
        self.ws.ctl("orders", "confirm", "NW-SCC-2", "--config", self.conf)
        self.ws.ctl(*ship)
        self.assertEqual(self.outbox_of("NW-SCC-2"),
                         [("ConfirmationRequest",), ("ShipNoticeRequest",)])
        self.assertEqual(self.show("NW-SCC-2")["status"], "shipped")

    # -- 7. identities ----------------------------------------------------------------------------
    def profile(self, frm, to, sender):
        code, _, message, _ = self.post(docs.profile_request(frm, to, sender))
        return code, message

    def test_ariba_buyer_lower_case_network_ids_authenticate(self):
        self.assertEqual(self.profile([("networkid", ACME_ANID.lower())], US, ACME_DIRECT),
                         (200, ""))
        code, message = self.profile(ACME, [("networkid", SUPPLIER_ANID.lower())], ACME_DIRECT)
        self.assertEqual(code, 200, message)
        # Case is all that is forgiven: another ANID is still nobody we know.
        code, _ = self.profile([("networkid", "an01000000088")], US,
                               ("NetworkID", "AN01000000088", ACME_SECRET))
        self.assertEqual(code, 401)
        code, message = self.profile(ACME, [("networkid", "an01000000322")], ACME_DIRECT)
        self.assertEqual(code, 401)
        self.assertIn("To", message)

    def test_a_duns_written_with_dashes_matches(self):
        code, message = self.profile([("DUNS", "12-345-6789")], US,
                                     ("DUNS", "123456789", DASHCO_SECRET))
        self.assertEqual(code, 200, message)
        code, message = self.profile([("DUNS", "12-345-6780")], US,
                                     ("DUNS", "123456789", DASHCO_SECRET))
        self.assertEqual(code, 401, message)

    def test_the_ariba_relay_sender_authenticates_in_any_case(self):
        code, message = self.profile(ACME, US, ("AribaNetworkUserId", "SysAdmin@Ariba.com",
                                                ARIBA_SECRET))
        self.assertEqual(code, 200, message)
        code, message = self.profile(ACME, US, ("AribaNetworkUserId", "SysAdmin@Ariba.com",
                                                "not-the-secret"))
        self.assertEqual(code, 401, message)

    def test_an_ariba_buyer_order_with_every_case_quirk_is_stored(self):
        self.assertAccepted(render("ariba-buyer-lowercase-ids-order.xml", ORDER_ID="PR-881",
                                   SECRET=ARIBA_SECRET))
        self.assertEqual(self.query("SELECT b.code FROM purchase_order o JOIN buyer b"
                                    " ON b.id = o.buyer_id WHERE o.order_id = 'PR-881'"),
                         [("acme",)])

    # -- 8. character sets and content codings --------------------------------------------------
    def test_a_windows_1252_order_is_decoded(self):
        body = render("windows-1252-order.xml", ORDER_ID="PO-CP1252", SECRET=ACME_SECRET)
        self.assertIn(b"\x80", body)  # the euro sign, as windows-1252 writes it
        self.assertIn(b"\x93Premium\x94", body)
        self.assertAccepted(body, content_type="text/xml")
        line = self.show("PO-CP1252")["lines"][0]
        self.assertEqual(line["description"],
                         "Sechskantschraube “Premium” M8 × 40 – 0,125 € je Stück")

    def test_the_http_charset_decodes_an_undeclared_document(self):
        body = render("latin1-undeclared-order.xml", ORDER_ID="PO-LATIN1", SECRET=ACME_SECRET)
        self.assertNotIn(b"encoding=", body[:60])
        self.assertIn(b"Caf\xe9", body)
        self.assertAccepted(body, content_type="text/xml; charset=ISO-8859-1")
        line = self.show("PO-LATIN1")["lines"][0]
        self.assertEqual(line["description"], "Sechskantschraube M8 für Café-Möbel, verzinkt")

    def test_an_unknown_declared_encoding_is_406_naming_it(self):
        body = render("ebcdic-declared-order.xml", ORDER_ID="PO-EBCDIC", SECRET=ACME_SECRET)
        code, text, message, _ = self.post(body, content_type="text/xml")
        self.assertEqual((code, text), (406, "Not Acceptable"), message)
        self.assertIn("EBCDIC-XYZ", message)
        self.assertEqual(self.stored("PO-EBCDIC"), 0)

    def test_a_gzip_compressed_order_is_accepted(self):
        plain = self.district_order("26000200", docs.payload_id("gz"), "HB-M8-40", "2", "12.50",
                                    "PK", "31161500", "Hex bolt M8 x 40, DIN 933")
        self.assertAccepted(gzip.compress(plain), headers={"Content-Encoding": "gzip"})
        self.assertEqual(self.stored("26000200"), 1)
        self.assertEqual(self.show("26000200")["lines"][0]["quantity"], 2)

    def test_an_unsupported_content_coding_is_415(self):
        plain = self.district_order("26000201", docs.payload_id("br"), "HB-M8-40", "2", "12.50",
                                    "PK", "31161500", "Hex bolt M8 x 40, DIN 933")
        _, _, message, _ = self.post(plain, headers={"Content-Encoding": "br"}, http_status=415)
        self.assertRegex(message, r"\bbr\b")
        self.assertEqual(self.stored("26000201"), 0)

    def test_a_gzip_bomb_is_413_quickly(self):
        # 200 MB of zeros, compressed in 1 MB steps so the test never holds them.
        packer = zlib.compressobj(9, zlib.DEFLATED, 31)
        chunk = bytes(1 << 20)
        pieces = [packer.compress(chunk) for _ in range(200)]
        bomb = b"".join(pieces) + packer.flush()
        self.assertLess(len(bomb), 1 << 20)
        started = time.monotonic()
        conn = self.gw.connection(timeout=60)
        try:
            conn.request("POST", "/cxml", body=bomb,
                         headers={"Content-Type": "text/xml", "Content-Encoding": "gzip"})
            r = conn.getresponse()
            status, ctype, body = r.status, r.getheader("Content-Type"), r.read()
        except (ConnectionResetError, BrokenPipeError, http.client.HTTPException) as e:
            self.fail(f"no HTTP answer to the gzip bomb: {e!r}")
        finally:
            conn.close()
        elapsed = time.monotonic() - started
        self.assertEqual(status, 413, body)
        self.assertLess(elapsed, 10, "the bomb was not cut off early")
        self.assertEqual(ctype, "text/xml; charset=UTF-8")
        self.assertValid(body)
        self.assertEqual(docs.parse_response(body)[0], 413)
        self.assertEqual(self.gw.get("/healthz").status, 200)

    # -- the fixtures themselves ------------------------------------------------------------------
    def test_the_utf8_fixtures_are_valid_cxml(self):
        values = {"ORDER_ID": "4500099999", "SECRET": "s", "BUYER_DUNS": "1", "MODE": "test",
                  "TYPE": "new", "ORDER_VERSION": "1", "QTY": "1", "TOTAL": "1.00",
                  "COMMENT": "c", "OC": "allowed", "ASN": "allowed", "SKU": "X", "PRICE": "1.00",
                  "UOM": "EA", "UNSPSC": "1", "DESCRIPTION": "d", "STAMP": STAMP}
        for name in ("ariba-order-with-attachments.xml", "powerschool-order.xml",
                     "ariba-test-realm-order.xml", "sap-s4-line-tax-order.xml",
                     "coupa-free-form-order.xml", "coupa-control-keys-order.xml",
                     "ariba-buyer-lowercase-ids-order.xml"):
            with self.subTest(name):
                text = (FIXTURES / name).read_text(encoding="utf-8")
                used = dict((k, v) for k, v in values.items() if "{{" + k + "}}" in text)
                ok, out = dtd.validate(render(name, **used), module="cXML.dtd")
                self.assertTrue(ok, out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
