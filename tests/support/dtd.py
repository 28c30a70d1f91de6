"""Validates documents we write against the official cXML DTDs with xmllint, offline."""
import re
import subprocess
import tempfile

from . import paths

MODULE_OF_ROOT_CHILD = {
    "ConfirmationRequest": "Fulfill.dtd",
    "ShipNoticeRequest": "Fulfill.dtd",
    "OrderStatusRequest": "Fulfill.dtd",
    "InvoiceDetailRequest": "InvoiceDetail.dtd",
}


def dtds_available():
    return (paths.DTD_DIR / "cXML.dtd").exists()


def module_for(xml_text):
    """The DTD module a document should validate against, from its DOCTYPE."""
    m = re.search(r'<!DOCTYPE\s+cXML\s+SYSTEM\s+"[^"]*/([A-Za-z]+\.dtd)"', xml_text)
    return m.group(1) if m else "cXML.dtd"


def validate(xml_text, module=None):
    """Returns (ok, xmllint output). Never fetches anything (--nonet)."""
    if isinstance(xml_text, bytes):
        xml_text = xml_text.decode("utf-8")
    module = module or module_for(xml_text)
    with tempfile.NamedTemporaryFile("w", suffix=".xml", encoding="utf-8", delete=True) as f:
        f.write(xml_text)
        f.flush()
        r = subprocess.run(
            ["xmllint", "--nonet", "--noout", "--dtdvalid", str(paths.DTD_DIR / module), f.name],
            capture_output=True, text=True)
    return r.returncode == 0, r.stderr
