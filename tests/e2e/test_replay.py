"""punchout-replay: posts a folder of cXML fixtures to the real gateway and prints each
Status; exit 1 when any is not 2xx."""
import json
import subprocess
import unittest

from support.gateway import Gateway, cleanup_env
from support.orders import REPLAY, new_workspace, order_request, profile_request

cleanup_env()


class ReplayTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = new_workspace("replay")
        cls.gw = Gateway(cls.ws).start()
        cls.url = cls.gw.url + "/cxml"

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.ws.cleanup()

    def replay(self, *args):
        return subprocess.run([str(REPLAY), "--url", self.url, *map(str, args)],
                              capture_output=True, text=True, timeout=120)

    def test_a_folder_with_the_wrong_secret_then_fixed(self):
        folder = self.ws.dir / "fixtures"
        self.ws.write("fixtures/1-profile.xml", profile_request(secret="wrong-secret"))
        self.ws.write("fixtures/2-order.xml", order_request("PO-R1", secret="wrong-secret")[0])
        self.ws.write("fixtures/notes.txt", "not a fixture")

        r = self.replay(folder)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        lines = r.stdout.splitlines()
        self.assertTrue(lines[0].startswith("FILE"))
        self.assertIn("1-profile.xml", lines[1])
        self.assertIn("200   401     Unauthorized", lines[1])
        self.assertIn("2-order.xml", lines[2])
        self.assertIn("0 of 2 got a 2xx Status", r.stdout)
        self.assertNotIn("notes.txt", r.stdout)

        fixed = self.replay("--secret", "acme-direct-secret", "--json", folder)
        self.assertEqual(fixed.returncode, 0, fixed.stdout + fixed.stderr)
        out = json.loads(fixed.stdout)
        self.assertEqual([f["code"] for f in out["files"]], [200, 200])
        self.assertEqual(out["files"][1]["message"], "Order PO-R1 accepted.")
        self.assertEqual(out["files"][0]["note"], "secret replaced")

        # The same order again is an idempotent repeat, unless it gets a new payloadID.
        again = self.replay("--secret", "acme-direct-secret", "--json", folder / "2-order.xml")
        self.assertEqual(json.loads(again.stdout)["files"][0]["message"], "Order PO-R1 accepted.")
        fresh = self.replay("--secret", "acme-direct-secret", "--fresh-payload-ids", "--json",
                            folder / "2-order.xml")
        self.assertEqual(fresh.returncode, 1)
        result = json.loads(fresh.stdout)["files"][0]
        self.assertEqual(result["code"], 409)
        self.assertIn("already exists", result["message"])

    def test_malformed_and_unreachable(self):
        bad = self.ws.write("broken.xml", "<cXML><Header>")
        r = self.replay(bad)
        self.assertEqual(r.returncode, 1)
        self.assertIn("406", r.stdout)
        gone = subprocess.run([str(REPLAY), "--url", "http://127.0.0.1:9/cxml", str(bad),
                               "--timeout", "5"], capture_output=True, text=True, timeout=60)
        self.assertEqual(gone.returncode, 1)
        self.assertIn("connect failed", gone.stdout)
        usage = subprocess.run([str(REPLAY), str(bad)], capture_output=True, text=True)
        self.assertEqual(usage.returncode, 2)
        self.assertIn("--url URL is required", usage.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
