"""config/demo loads with punchoutctl and holds what its README promises."""
import json
import os
import pathlib
import subprocess
import tempfile
import unittest

SOURCE = pathlib.Path(os.environ["PUNCHOUT_SOURCE_DIR"])
BIN = pathlib.Path(os.environ["PUNCHOUT_BIN_DIR"]) / "punchoutctl"


class DemoData(unittest.TestCase):
    def test_the_demo_loads(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = pathlib.Path(tmp) / "demo.db"
            subprocess.run([str(SOURCE / "config" / "demo" / "load.sh"), str(db), str(BIN)],
                           check=True, capture_output=True, timeout=300)

            def ctl(*args):
                out = subprocess.run([str(BIN), "--db", str(db), "--json", *args], check=True,
                                     capture_output=True, text=True, timeout=60).stdout
                return json.loads(out)

            self.assertEqual(len(ctl("catalog", "list", "--limit", "1000")), 40)
            self.assertEqual([b["id"] for b in ctl("buyer", "list")], ["acme", "nordtech"])
            self.assertEqual([s["id"] for s in ctl("sender", "list")], ["acme", "ariba"])
            nordtech = ctl("buyer", "show", "nordtech")
            self.assertEqual(nordtech["unit_map"]["EA"], "ST")
            self.assertEqual(nordtech["catalog_view"]["sku_count"], 2)
            tier = ctl("prices", "resolve", "--buyer", "acme", "--sku", "FAS-HB-0840", "--qty",
                       "60", "--at", "2025-03-01")
            self.assertEqual((tier["price"], tier["source"]), (8.9, "contract-tier"))
            stock = ctl("inventory", "show", "FAS-HB-0840")
            self.assertEqual([w["warehouse"] for w in stock["warehouses"]], ["Tampere", "Vaasa"])
            hidden = ctl("catalog", "search", "drill", "--buyer", "nordtech")
            self.assertEqual(hidden["total"], 0)  # power tools are outside nordtech's view
            self.assertGreater(ctl("catalog", "search", "drill", "--buyer", "acme")["total"], 0)


if __name__ == "__main__":
    unittest.main()
