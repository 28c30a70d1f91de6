"""cXML request documents for tests, written by hand (independent of our cxml library).

Each builder returns text; arguments cover what the tests vary. Header credentials:
`frm` and `to` are lists of (domain, identity); `sender` is (domain, identity, secret).
"""
import datetime
import itertools
import xml.sax.saxutils as su

_counter = itertools.count(1)

DOCTYPE = '<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.071/cXML.dtd">'


def esc(text):
    return su.escape(str(text), {'"': "&quot;"})


def payload_id(prefix="test"):
    return f"{prefix}.{datetime.datetime.now().timestamp():.6f}.{next(_counter)}@tests.example"


def now():
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


def credentials(creds):
    return "".join(
        f'<Credential domain="{esc(d)}"><Identity>{esc(i)}</Identity></Credential>' for d, i in creds)


def header(frm, to, sender):
    domain, identity, secret = sender
    return (f"<Header><From>{credentials(frm)}</From><To>{credentials(to)}</To>"
            f'<Sender><Credential domain="{esc(domain)}"><Identity>{esc(identity)}</Identity>'
            f"<SharedSecret>{esc(secret)}</SharedSecret></Credential>"
            f"<UserAgent>tests</UserAgent></Sender></Header>")


def envelope(frm, to, sender, request, pid=None, mode="production"):
    pid = pid or payload_id()
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n'
            f'<cXML payloadID="{esc(pid)}" timestamp="{now()}" xml:lang="en-US">'
            f"{header(frm, to, sender)}"
            f'<Request deploymentMode="{mode}">{request}</Request></cXML>')


def profile_request(frm, to, sender, **kw):
    return envelope(frm, to, sender, "<ProfileRequest/>", **kw)


def item_detail(price, currency="EUR", description="Item", uom="EA", unspsc="40151500",
                price_basis=None):
    pbq = ""
    if price_basis:
        pbq = (f'<PriceBasisQuantity quantity="{price_basis}" conversionFactor="1">'
               f"<UnitOfMeasure>{uom}</UnitOfMeasure></PriceBasisQuantity>")
    return (f'<ItemDetail><UnitPrice><Money currency="{currency}">{price}</Money></UnitPrice>'
            f'<Description xml:lang="en">{esc(description)}</Description>'
            f"<UnitOfMeasure>{uom}</UnitOfMeasure>{pbq}"
            f'<Classification domain="UNSPSC">{unspsc}</Classification></ItemDetail>')


def item_out(sku, quantity, price, line=None, aux="", currency="EUR", description="Item",
             uom="EA", price_basis=None, detail=True):
    ln = f' lineNumber="{line}"' if line is not None else ""
    aux_el = f"<SupplierPartAuxiliaryID>{esc(aux)}</SupplierPartAuxiliaryID>" if aux else ""
    det = item_detail(price, currency, description, uom, price_basis=price_basis) if detail else ""
    return (f'<ItemOut quantity="{quantity}"{ln}><ItemID><SupplierPartID>{esc(sku)}</SupplierPartID>'
            f"{aux_el}</ItemID>{det}</ItemOut>")


def setup_request(frm, to, sender, operation="create", cookie="cookie-1",
                  form_post="https://buyer.example/punchout/return", items=(), extrinsics=None,
                  selected=None, **kw):
    ext = "".join(f'<Extrinsic name="{esc(k)}">{esc(v)}</Extrinsic>'
                  for k, v in (extrinsics or {"UserEmail": "pat@buyer.example"}).items())
    sel = (f"<SelectedItem><ItemID><SupplierPartID>{esc(selected)}</SupplierPartID></ItemID>"
           "</SelectedItem>") if selected else ""
    body = (f'<PunchOutSetupRequest operation="{operation}"><BuyerCookie>{esc(cookie)}</BuyerCookie>'
            f"{ext}<BrowserFormPost><URL>{esc(form_post)}</URL></BrowserFormPost>"
            f"<SupplierSetup><URL>https://supplier.example/punchout</URL></SupplierSetup>"
            f"{sel}{''.join(items)}</PunchOutSetupRequest>")
    return envelope(frm, to, sender, body, **kw)


def order_request(frm, to, sender, order_id, items, total, currency="EUR", type_="new",
                  order_version=None, tax=None, shipping=None, **kw):
    version = f' orderVersion="{order_version}"' if order_version else ""
    extras = ""
    if shipping is not None:
        extras += (f'<Shipping><Money currency="{currency}">{shipping}</Money>'
                   '<Description xml:lang="en">Freight</Description></Shipping>')
    if tax is not None:
        extras += (f'<Tax><Money currency="{currency}">{tax}</Money>'
                   '<Description xml:lang="en">VAT</Description></Tax>')
    body = (f'<OrderRequest><OrderRequestHeader orderID="{esc(order_id)}" orderDate="{now()}" '
            f'type="{type_}"{version}><Total><Money currency="{currency}">{total}</Money></Total>'
            '<ShipTo><Address><Name xml:lang="en">Acme Receiving</Name><PostalAddress>'
            "<Street>1 Dock Road</Street><City>Vaasa</City>"
            '<Country isoCountryCode="FI">Finland</Country></PostalAddress></Address></ShipTo>'
            '<BillTo><Address><Name xml:lang="en">Acme AP</Name></Address></BillTo>'
            f"{extras}</OrderRequestHeader>{''.join(items)}</OrderRequest>")
    return envelope(frm, to, sender, body, **kw)


def parse_response(text):
    """(status code, status text, message, root element) of a cXML Response."""
    import xml.etree.ElementTree as ET
    root = ET.fromstring(text.encode("utf-8") if isinstance(text, str) else text)
    status = root.find("./Response/Status")
    return int(status.get("code")), status.get("text"), (status.text or "").strip(), root
