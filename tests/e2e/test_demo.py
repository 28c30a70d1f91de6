"""The quick-start demo keeps working: its data set loads and its punchout request succeeds."""
import subprocess
import unittest

from support import cxml_docs as docs
from support import paths
from support.gateway import Gateway, Workspace


class DemoTest(unittest.TestCase):
    def test_demo_data_loads_and_the_printed_curl_punches_out(self):
        ws = Workspace("demo")
        try:
            demo_db = ws.dir / "demo.db"
            subprocess.run([str(paths.SOURCE_DIR / "config/demo/load.sh"), str(demo_db),
                            str(paths.PUNCHOUTCTL)], check=True, capture_output=True, timeout=300)
            ws.db = demo_db
            request = (paths.SOURCE_DIR / "config/demo/punchout-setup-request.xml").read_text()
            with Gateway(ws, config={"supplier.credential": ["DUNS:555666777"]}) as gw:
                r = gw.post_cxml(request)
                code, _, message, root = docs.parse_response(r.body)
                self.assertEqual(code, 200, message)
                url = root.find(".//StartPage/URL").text
                self.assertTrue(url.startswith(gw.url + "/punchout/start/"))
        finally:
            ws.cleanup()


if __name__ == "__main__":
    unittest.main()
