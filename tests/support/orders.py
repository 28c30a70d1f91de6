"""Buyers, orders and the outbox for end-to-end tests: a seeded store, cXML requests a buyer
would post, and helpers to read what the gateway sent back."""
import datetime
import itertools
import json
import re
import time
import xml.etree.ElementTree as ET

from . import paths
from .gateway import SUPPLIER_CREDENTIAL, Workspace, wait_until

REPLAY = paths.BIN_DIR / "punchout-replay"

BUYER_ID = "acme"
BUYER_CREDENTIAL = ("DUNS", "100200300")
BUYER_SECRET = "acme-direct-secret"

# From tests/fixtures/catalog/basic.csv: list prices in EUR.
HEX_BOLT = ("HB-M8-40", "12.50", "PK")
DRILL = ("CD-18V", "149", "EA")

_ids = itertools.count(1)


def seed_store(ws, document_url="", buyer=BUYER_ID, credential=BUYER_CREDENTIAL,
               secret=BUYER_SECRET, catalog=True, cxml_version=None):
    """The catalog (tests/fixtures/catalog/basic.csv), a buyer and its direct sender (id =
    the buyer's), through punchoutctl."""
    if catalog:
        ws.ctl("catalog", "import", paths.FIXTURES_DIR / "catalog" / "basic.csv")
    ws.ctl("buyer", "add", buyer, "--name", f"{buyer} Corp", "--credential",
           f"{credential[0]}:{credential[1]}", "--shared-secret-file", "-", input=secret)
    settings = []
    if document_url:
        settings += ["--document-url", document_url]
    if cxml_version:
        settings += ["--cxml-version", cxml_version]
    if settings:
        ws.ctl("buyer", "set", buyer, *settings)


def set_document_url(ws, url, buyer=BUYER_ID):
    ws.ctl("buyer", "set", buyer, "--document-url", url)


def new_workspace(name, document_url=""):
    ws = Workspace(name)
    seed_store(ws, document_url)
    return ws


def _now():
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


def payload_id(tag="e2e"):
    return f"{int(time.time() * 1000)}.{next(_ids)}.{tag}@buyer.example"


def _header(credential, secret):
    d, i = credential
    return f"""<Header>
    <From><Credential domain="{d}"><Identity>{i}</Identity></Credential></From>
    <To><Credential domain="{SUPPLIER_CREDENTIAL[0]}"><Identity>{SUPPLIER_CREDENTIAL[1]}</Identity></Credential></To>
    <Sender><Credential domain="{d}"><Identity>{i}</Identity><SharedSecret>{secret}</SharedSecret></Credential>
      <UserAgent>e2e buyer 1.0</UserAgent></Sender>
  </Header>"""


def order_request(order_id, lines=None, pid=None, credential=BUYER_CREDENTIAL,
                  secret=BUYER_SECRET, currency="EUR"):
    """An OrderRequest; lines are (sku, price, uom, quantity). Returns (xml, payloadID)."""
    lines = lines or [(*HEX_BOLT, "3"), (*DRILL, "1")]
    pid = pid or payload_id("order")
    total = sum(float(price) * float(qty) for _, price, _, qty in lines)
    items = []
    for n, (sku, price, uom, qty) in enumerate(lines, 1):
        items.append(f"""    <ItemOut quantity="{qty}" lineNumber="{n}">
      <ItemID><SupplierPartID>{sku}</SupplierPartID></ItemID>
      <ItemDetail>
        <UnitPrice><Money currency="{currency}">{price}</Money></UnitPrice>
        <Description xml:lang="en">Item {sku}</Description>
        <UnitOfMeasure>{uom}</UnitOfMeasure>
        <Classification domain="UNSPSC">31161500</Classification>
      </ItemDetail>
    </ItemOut>""")
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.071/cXML.dtd">
<cXML payloadID="{pid}" timestamp="{_now()}" xml:lang="en-US">
  {_header(credential, secret)}
  <Request deploymentMode="production">
    <OrderRequest>
      <OrderRequestHeader orderID="{order_id}" orderDate="{_now()}" type="new">
        <Total><Money currency="{currency}">{total:.2f}</Money></Total>
      </OrderRequestHeader>
{chr(10).join(items)}
    </OrderRequest>
  </Request>
</cXML>"""
    return xml, pid


def order_status_request(order_id, pid=None, credential=BUYER_CREDENTIAL, secret=BUYER_SECRET):
    pid = pid or payload_id("status")
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.071/Fulfill.dtd">
<cXML payloadID="{pid}" timestamp="{_now()}" xml:lang="en-US">
  {_header(credential, secret)}
  <Request deploymentMode="production">
    <OrderStatusRequest>
      <OrderStatusRequestHeader orderStatusRequestID="OSR-{next(_ids)}" orderStatusRequestDate="{_now()}">
        <OrderIDInfo orderID="{order_id}"/>
        <Contact role="buyer"><Name xml:lang="en">Pat Buyer</Name></Contact>
      </OrderStatusRequestHeader>
    </OrderStatusRequest>
  </Request>
</cXML>"""
    return xml, pid


def profile_request(credential=BUYER_CREDENTIAL, secret=BUYER_SECRET, pid=None):
    pid = pid or payload_id("profile")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.071/cXML.dtd">
<cXML payloadID="{pid}" timestamp="{_now()}" xml:lang="en-US">
  {_header(credential, secret)}
  <Request><ProfileRequest/></Request>
</cXML>"""


def status_of(text):
    """(code, text, message) of the Status in a cXML answer."""
    m = re.search(r'<Status\s+code="(\d+)"\s+text="([^"]*)"\s*(?:/>|>(.*?)</Status>)', text, re.S)
    if not m:
        raise AssertionError("no cXML Status in:\n" + text)
    return int(m.group(1)), m.group(2), (m.group(3) or "").strip()


def parse(text):
    """The document as an ElementTree root (no DTD is fetched)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    return ET.fromstring(text.split("?>", 1)[1] if text.startswith("<?xml") else text)


def body_element(root):
    """The element under Request (or Response)."""
    for child in root:
        if child.tag in ("Request", "Response", "Message"):
            for grand in child:
                if grand.tag != "Status":
                    return grand
    return None


class Orders:
    """punchoutctl orders/outbox through a Workspace, with the gateway's config file."""

    def __init__(self, ws, config_path):
        self.ws = ws
        self.config = str(config_path)

    def act(self, command, order_id, *args, check=True):
        return self.ws.ctl("orders", command, order_id, "--config", self.config, *args,
                           check=check)

    def act_json(self, command, order_id, *args):
        return self.ws.ctl("orders", command, order_id, "--config", self.config, *args,
                           json_out=True)

    def show(self, order_id):
        return self.ws.ctl("orders", "show", order_id, json_out=True)

    def outbox(self, *args):
        return self.ws.ctl("outbox", "list", *args, json_out=True)["documents"]

    def document(self, outbox_id):
        return self.ws.ctl("outbox", "show", str(outbox_id), "--body", json_out=True)

    def wait_status(self, outbox_id, status, timeout=30):
        def check():
            doc = self.ws.ctl("outbox", "show", str(outbox_id), json_out=True)
            return doc if doc["status"] == status else None
        return wait_until(check, timeout=timeout, interval=0.2,
                          message=f"outbox #{outbox_id} to be {status}")

    def delivered(self, result, buyer):
        """The first document `result` queued, as `buyer` (a FakeBuyer) received it once
        delivered: (the post, the request element)."""
        queued = result["queued"][0]
        self.wait_status(queued["outbox_id"], "delivered")
        for post in buyer.received:
            root = parse(post.body)
            if root.get("payloadID") == queued["payload_id"]:
                return post, body_element(root)
        raise AssertionError("the buyer did not receive " + queued["payload_id"])


def post_order(gw, order_id, lines=None, **kw):
    xml, pid = order_request(order_id, lines, **kw)
    r = gw.post_cxml(xml)
    code, _, message = status_of(r.text)
    if code != 200:
        raise AssertionError(f"order {order_id} refused: {code} {message}")
    return pid


def metric(gw, name, labels=""):
    text = gw.get("/metrics").text
    pattern = re.escape(name) + (r"\{" + re.escape(labels) + r"\}" if labels else "") + r" (\S+)"
    m = re.search("^" + pattern + "$", text, re.M)
    return float(m.group(1)) if m else None


def dumps(obj):
    return json.dumps(obj, indent=2)
