"""Storefront test kit: a seeded store, cXML punchouts, and a client that walks the storefront
over HTTP the way a browser without scripts would (forms, redirects, the transfer page).

Used by tests/e2e/test_storefront*.py, tests/e2e/test_oci*.py and the real-browser tests.
"""
import base64
import html.parser
import pathlib
import sqlite3
import time
import urllib.parse

from support.gateway import Workspace, SUPPLIER_CREDENTIAL

FIXTURES = pathlib.Path(__file__).parent / "fixtures"

BUYER_CREDENTIAL = ("NetworkID", "AN01000000087")
SENDER_SECRET = "acme-shared-secret-1"
OCI_USER = "acme-oci"
OCI_PASSWORD = "oci-Pa55word!"


class StoreWorkspace(Workspace):
    """A temporary folder with a database made by `punchoutctl init`, set up from a spec
    (see default_spec) with the real admin commands."""

    def seed(self, spec):
        for path in spec.get("catalog", []):
            self.ctl("catalog", "import", path)
        for b in spec.get("buyers", []):
            args = ["buyer", "add", b["id"], "--name", b.get("name", b["id"]),
                    "--currency", b.get("currency", "EUR")]
            for c in b["credentials"]:
                args += ["--credential", c]
            self.ctl(*args)
            settings = ["--cxml-version", b.get("cxml_version", "1.2.071"),
                        "--cart-transport", b.get("cart_transport", "cxml-base64")]
            for ours, theirs in b.get("unit_map", {}).items():
                settings += ["--unit-map", f"{ours}={theirs}"]
            for flag, key in (("--frame-origin", "frame_origins"),
                              ("--postback-host", "postback_hosts"),
                              ("--view-category", "view_categories")):
                for value in b.get(key, []):
                    settings += [flag, value]
            password = None
            if "oci_username" in b:
                settings += ["--oci-username", b["oci_username"], "--oci-password-file", "-"]
                password = b["oci_password"]
            self.ctl("buyer", "set", b["id"], *settings, input=password)
            for p in b.get("prices", []):
                self.set_price(b["id"], p)
        for sender in spec.get("senders", []):
            args = ["sender", "add", sender["id"], "--credential", sender["credential"],
                    "--shared-secret-file", "-"]
            args += ["--any-buyer"] if sender.get("any_buyer") else ["--buyers", ",".join(sender["buyers"])]
            self.ctl(*args, input=sender["secret"])
        for p in spec.get("prices", []):  # changes for buyers that exist already
            self.set_price(p["buyer"], p)
        for row in spec.get("stock", []):
            args = ["inventory", "set", "--sku", row["sku"], "--warehouse", row["warehouse"],
                    "--qty", row["quantity"]]
            if "at" in row:
                args += ["--at", row["at"]]
            self.ctl(*args)
        return self

    def set_price(self, buyer, p):
        args = ["prices", "set", "--buyer", buyer, "--sku", p["sku"], "--price", p["price"]]
        for flag, key in (("--currency", "currency"), ("--min-qty", "min_qty"),
                          ("--from", "from"), ("--to", "to")):
            if key in p:
                args += [flag, p[key]]
        self.ctl(*args)

    def sql(self, query, params=()):
        """Runs SQL on the store directly (reading what the gateway recorded)."""
        con = sqlite3.connect(str(self.db), timeout=10)
        try:
            rows = con.execute(query, params).fetchall()
            con.commit()
            return rows
        finally:
            con.close()


def default_spec(postback_hosts=(), frame_origins=(), cart_transport="cxml-base64",
                 unit_map=None, oci=True, extra_buyers=()):
    """The standard test store: the fixture catalog, buyer 'acme' with contract prices
    (HB-M8-40 11.00, from 10 packs 10.00; CD-18V 139.00), its direct sender, stock."""
    buyer = {
        "id": "acme", "name": "ACME Oy",
        "credentials": [f"{BUYER_CREDENTIAL[0]}:{BUYER_CREDENTIAL[1]}"],
        "currency": "EUR", "cart_transport": cart_transport,
        "unit_map": unit_map if unit_map is not None else {"EA": "ST", "PK": "PAK"},
        "frame_origins": list(frame_origins), "postback_hosts": list(postback_hosts),
        "prices": [
            {"sku": "HB-M8-40", "price": "11.00"},
            {"sku": "HB-M8-40", "price": "10.00", "min_qty": "10"},
            {"sku": "CD-18V", "price": "139.00", "to": "2099-12-31"},
        ],
    }
    if oci:
        buyer["oci_username"] = OCI_USER
        buyer["oci_password"] = OCI_PASSWORD
    return {
        "catalog": [str(FIXTURES / "storefront_catalog.csv")],
        "buyers": [buyer, *extra_buyers],
        "senders": [{"id": "acme-direct", "credential": f"{BUYER_CREDENTIAL[0]}:{BUYER_CREDENTIAL[1]}",
                     "secret": SENDER_SECRET, "buyers": ["acme"]}],
        "stock": [
            {"sku": "HB-M8-40", "warehouse": "Vaasa", "quantity": "40", "at": "2026-01-05T10:14:00Z"},
            {"sku": "HB-M8-40", "warehouse": "Tampere", "quantity": "2", "at": "2026-01-05T09:00:00Z"},
            {"sku": "CD-18V", "warehouse": "Vaasa", "quantity": "0"},
            {"sku": "CD-12V", "warehouse": "Vaasa", "quantity": "5"},
            {"sku": "SG-NIT-L", "warehouse": "Vaasa", "quantity": "100"},
        ],
    }


def setup_request(browser_form_post, operation="create", cookie="cookie-1", items=(),
                  selected=None, deployment="production", secret=SENDER_SECRET,
                  from_credential=BUYER_CREDENTIAL, sender=None, extrinsics=None):
    """A PunchOutSetupRequest as a buyer's system posts it. `items`: (sku, aux, qty,
    detail_xml or None)."""
    esc = lambda s: (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                     .replace('"', "&quot;"))
    extrinsics = extrinsics if extrinsics is not None else {
        "UserEmail": "pam@acme.example", "UniqueName": "Pam Beesly"}
    ext = "".join(f'<Extrinsic name="{esc(k)}">{esc(v)}</Extrinsic>' for k, v in extrinsics.items())
    item_xml = ""
    for n, (sku, aux, qty, detail) in enumerate(items, 1):
        aux_xml = f"<SupplierPartAuxiliaryID>{esc(aux)}</SupplierPartAuxiliaryID>" if aux else ""
        item_xml += (f'<ItemOut quantity="{qty}" lineNumber="{n}"><ItemID>'
                     f"<SupplierPartID>{esc(sku)}</SupplierPartID>{aux_xml}</ItemID>"
                     f"{detail or ''}</ItemOut>")
    sel = (f"<SelectedItem><ItemID><SupplierPartID>{esc(selected)}</SupplierPartID></ItemID>"
           f"</SelectedItem>") if selected else ""
    sender = sender or from_credential
    ts = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.071/cXML.dtd">
<cXML payloadID="{time.time_ns()}.setup@buyer.example" timestamp="{ts}" xml:lang="en-US">
<Header>
<From><Credential domain="{from_credential[0]}"><Identity>{from_credential[1]}</Identity></Credential></From>
<To><Credential domain="{SUPPLIER_CREDENTIAL[0]}"><Identity>{SUPPLIER_CREDENTIAL[1]}</Identity></Credential></To>
<Sender><Credential domain="{sender[0]}"><Identity>{sender[1]}</Identity><SharedSecret>{esc(secret)}</SharedSecret></Credential><UserAgent>Test Procurement 1.0</UserAgent></Sender>
</Header>
<Request deploymentMode="{deployment}"><PunchOutSetupRequest operation="{operation}">
<BuyerCookie>{esc(cookie)}</BuyerCookie>{ext}
<BrowserFormPost><URL>{esc(browser_form_post)}</URL></BrowserFormPost>{sel}{item_xml}
</PunchOutSetupRequest></Request></cXML>"""


def item_detail(price, description, uom="PAK", unspsc="31161500", currency="EUR"):
    return (f'<ItemDetail><UnitPrice><Money currency="{currency}">{price}</Money></UnitPrice>'
            f'<Description xml:lang="en">{description}</Description>'
            f"<UnitOfMeasure>{uom}</UnitOfMeasure>"
            f'<Classification domain="UNSPSC">{unspsc}</Classification></ItemDetail>')


def start_page_url(response_text):
    marker = "<URL>"
    at = response_text.find("<StartPage>")
    assert at >= 0, f"no StartPage in:\n{response_text}"
    start = response_text.index(marker, at) + len(marker)
    return response_text[start:response_text.index("</URL>", start)].strip()


def punchout(gateway, browser_form_post, **kw):
    """Posts a setup request; returns the StartPage URL."""
    r = gateway.post_cxml(setup_request(browser_form_post, **kw))
    assert r.status == 200, r.text
    assert 'code="200"' in r.text, r.text
    return start_page_url(r.text)


# -- HTML ------------------------------------------------------------------------------------
class Form:
    def __init__(self, attrs):
        self.attrs = attrs
        self.id = attrs.get("id")
        self.action = attrs.get("action", "")
        self.method = attrs.get("method", "get").lower()
        self.target = attrs.get("target")
        self.fields = []   # (name, value) of inputs (checkboxes only when checked)
        self.buttons = []  # (name, value, text)

    def field(self, name):
        for n, v in self.fields:
            if n == name:
                return v
        return None

    def filled(self, **values):
        """The form's fields with some set to new values (as a user would type them)."""
        out = [(n, str(values[n]) if n in values else v) for n, v in self.fields]
        out += [(n, str(v)) for n, v in values.items() if self.field(n) is None]
        return out


class Page(html.parser.HTMLParser):
    """A parsed storefront page: forms (with inputs associated by the form attribute),
    links, scripts and the visible text."""

    def __init__(self, response):
        super().__init__(convert_charrefs=True)
        self.response = response
        self.status = response.status
        self.html = response.text
        self.forms = []
        self.links = []
        self.scripts = []
        self.images = []
        self._text = []
        self._current = None
        self._pending = []  # inputs with form= before their form appears
        self._button = None
        self._in_script = False
        self._skip = 0
        self.feed(self.html)
        for form_id, item in self._pending:
            form = self.form_by_id(form_id)
            if form is not None:
                (form.buttons if len(item) == 3 else form.fields).append(item)

    def header(self, name):
        return self.response.header(name)

    @property
    def text(self):
        return " ".join(" ".join(self._text).split())

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._current = Form(a)
            self.forms.append(self._current)
        elif tag in ("input", "select", "textarea"):
            name = a.get("name")
            if name is None:
                return
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            value = a.get("value", "")
            self._attach(a, (name, value))
        elif tag == "button":
            self._button = [a, ""]
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "img":
            self.images.append(a.get("src"))
        elif tag == "script":
            self._in_script = True
            self.scripts.append(a)
        elif tag in ("style", "title"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "button" and self._button is not None:
            a, text = self._button
            self._attach(a, (a.get("name"), a.get("value", ""), text.strip()))
            self._button = None
        elif tag == "script":
            self._in_script = False
        elif tag in ("style", "title"):
            self._skip -= 1

    def handle_data(self, data):
        if self._button is not None:
            self._button[1] += data
        if not self._in_script and self._skip == 0:
            self._text.append(data)

    def _attach(self, attrs, item):
        owner = attrs.get("form")
        if owner:
            self._pending.append((owner, item))
        elif self._current is not None:
            (self._current.buttons if len(item) == 3 else self._current.fields).append(item)

    def form_by_id(self, form_id):
        for f in self.forms:
            if f.id == form_id:
                return f
        return None

    def form_posting_to(self, suffix, index=0):
        found = [f for f in self.forms if f.method == "post" and f.action.endswith(suffix)]
        assert len(found) > index, f"no form #{index} posting to *{suffix}; forms: " \
            f"{[f.action for f in self.forms]}"
        return found[index]


class Shop:
    """One storefront session, driven over HTTP like a browser without scripts."""

    def __init__(self, gateway, start_url):
        self.gw = gateway
        path = urllib.parse.urlsplit(start_url).path
        r = gateway.get(path)
        assert r.status == 303, f"start answered {r.status}: {r.text[:500]}"
        self.first = r
        location = r.header("Location")
        assert location.startswith("/shop/"), location
        self.base = "/".join(location.split("/")[:3])
        self.landing = location

    @classmethod
    def at(cls, gateway, location):
        """A session entered some other way (an OCI login's redirect to `location`)."""
        shop = cls.__new__(cls)
        shop.gw, shop.first, shop.landing = gateway, None, location
        shop.base = "/".join(location.split("/")[:3])
        return shop

    def get(self, path=""):
        return Page(self.gw.get(path if path.startswith("/") and path.startswith(self.base)
                                else self.base + path))

    def post(self, path, fields):
        body = urllib.parse.urlencode(fields)
        target = path if path.startswith(self.base) else self.base + path
        return self.gw.post(target, body, content_type="application/x-www-form-urlencoded")

    def submit(self, form, extra=(), button=None):
        """Submits a page form as a browser would (the button's name/value, if given)."""
        fields = list(form.fields)
        if button is not None:
            fields.append(button)
        fields += list(extra)
        return self.post(form.action, fields)

    def csrf(self):
        page = self.get("/cart")
        for f in page.forms:
            if f.field("csrf"):
                return f.field("csrf")
        raise AssertionError("no csrf field on the cart page")

    def add(self, sku, quantity):
        r = self.post("/cart/add", [("csrf", self.csrf()), ("sku", sku), ("quantity", str(quantity))])
        assert r.status == 303, f"add answered {r.status}: {r.text[:2000]}"
        return r

    def cart_lines(self):
        """(token, quantity text) of each cart line, from the cart page's line forms."""
        page = self.get("/cart")
        out = []
        for f in page.forms:
            if f.action.endswith("/cart/line"):
                out.append((f.field("token"), f.field("quantity")))
        return out

    def transfer(self):
        page = self.get("/cart")
        form = page.form_posting_to("/transfer")
        return Page(self.submit(form))


def transfer_form(page):
    """The auto-submitting form of a transfer page."""
    form = page.form_by_id("transfer")
    assert form is not None, f"no transfer form:\n{page.html[:3000]}"
    return form


def decode_cart(form):
    """The PunchOutOrderMessage a transfer form carries, as text."""
    b64 = form.field("cxml-base64")
    if b64 is not None:
        return base64.b64decode(b64).decode("utf-8")
    text = form.field("cxml-urlencoded")
    assert text is not None, f"no cXML field in {form.fields}"
    return text


def oci_fields(pairs):
    """NEW_ITEM-FIELD[n] pairs as {n: {FIELD: value}}; LONGTEXT joined."""
    items = {}
    for name, value in pairs:
        if not name.startswith("NEW_ITEM-"):
            continue
        rest = name[len("NEW_ITEM-"):]
        if rest.startswith("LONGTEXT_"):
            n = int(rest[len("LONGTEXT_"):rest.index(":")])
            items.setdefault(n, {})["LONGTEXT"] = items.get(n, {}).get("LONGTEXT", "") + value
            continue
        field, index = rest[:-1].split("[")
        items.setdefault(int(index), {})[field] = value
    return items
