"""punchoutctl orders / outbox as admins meet them: help on every level, exit codes (0 done,
1 failed operation, 2 usage), precise messages, and nothing changed by a refused command."""
import subprocess
import unittest

from support import paths
from support.gateway import Gateway, cleanup_env
from support.orders import DRILL, HEX_BOLT, Orders, new_workspace, post_order

cleanup_env()


class OrdersCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = new_workspace("orders-cli", "http://127.0.0.1:9/unused")
        cls.gw = Gateway(cls.ws).start()
        # Line 1 at 12.00 against a list price of 12.50: a difference for review.
        post_order(cls.gw, "PO-C1", [(HEX_BOLT[0], "12.00", "PK", "3"), (*DRILL, "1")])
        post_order(cls.gw, "PO-C2")
        cls.orders = Orders(cls.ws, cls.ws.dir / "gateway.conf")

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.ws.cleanup()

    def ctl(self, *args):
        return self.ws.ctl(*args, check=False)

    def test_help_on_every_level(self):
        for args in (["orders", "--help"], ["orders", "list", "--help"],
                     ["orders", "show", "--help"], ["orders", "confirm", "--help"],
                     ["orders", "ship", "--help"], ["orders", "invoice", "--help"],
                     ["orders", "events", "--help"], ["orders", "status-update", "--help"],
                     ["outbox", "--help"], ["outbox", "list", "--help"],
                     ["outbox", "show", "--help"], ["outbox", "retry", "--help"]):
            r = self.ctl(*args)
            self.assertEqual(r.returncode, 0, args)
            self.assertIn("usage: punchoutctl", r.stdout, args)
        top = subprocess.run([str(paths.PUNCHOUTCTL), "--help"], capture_output=True, text=True)
        self.assertIn("orders", top.stdout)
        self.assertIn("outbox", top.stdout)

    def test_usage_errors_exit_2_and_say_what_is_wrong(self):
        cases = [
            (["orders", "confirm"], "missing ORDER_ID"),
            (["orders", "confirm", "PO-C2", "--qty", "1", "--no-send"], "--qty belongs to a --line"),
            (["orders", "confirm", "PO-C2", "--line", "1", "--status", "maybe", "--no-send"],
             "must be accept, backordered or reject"),
            (["orders", "confirm", "PO-C2", "--line", "x", "--no-send"], "is not a line number"),
            (["orders", "confirm", "PO-C2", "--line", "1", "--qty", "1,5", "--no-send"], "--qty: "),
            (["orders", "confirm", "PO-C2"], "--config FILE"),
            (["orders", "ship", "PO-C2", "--tracking", "1", "--no-send"], "missing --carrier"),
            (["orders", "ship", "PO-C2", "--carrier", "DHL", "--tracking", "1", "--line", "1",
              "--no-send"], "needs its --qty"),
            (["orders", "invoice", "PO-C2", "--tax-rate", "24%", "--no-send"], "--tax-rate: "),
            (["orders", "frobnicate"], "unknown command 'frobnicate'"),
            (["orders"], "usage: punchoutctl [--db FILE] [--json] orders COMMAND"),
            (["outbox", "list", "--status", "lost"], "must be pending, delivered or failed"),
            (["outbox", "retry", "abc"], "is not a document ID"),
            (["orders", "list", "--bogus"], "unrecognised option"),
        ]
        for args, words in cases:
            r = self.ctl(*args)
            self.assertEqual(r.returncode, 2, (args, r.stdout, r.stderr))
            self.assertIn(words, r.stderr, args)

    def test_failed_operations_exit_1_and_change_nothing(self):
        r = self.ctl("orders", "show", "PO-404")
        self.assertEqual(r.returncode, 1)
        self.assertIn("no order 'PO-404'", r.stderr)
        r = self.ctl("orders", "list", "--buyer", "ghost")
        self.assertEqual(r.returncode, 1)
        self.assertIn("no buyer 'ghost'", r.stderr)
        r = self.orders.act("ship", "PO-C2", "--carrier", "DHL", "--tracking", "1", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("is not confirmed yet", r.stderr)
        r = self.orders.act("confirm", "PO-C2", "--line", "1", "--qty", "2", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("line 1: 2 of 3 have a status; say what happens to the other 1", r.stderr)
        r = self.ctl("outbox", "show", "999")
        self.assertEqual(r.returncode, 1)
        self.assertIn("no outbox document 999", r.stderr)
        bad_conf = self.ws.write("bad.conf", "[supplier]\ncredential = DUNS:1\n")
        r = self.ws.ctl("orders", "confirm", "PO-C2", "--config", str(bad_conf), check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("sets no supplier.outbound_secret", r.stderr)
        missing = subprocess.run([str(paths.PUNCHOUTCTL), "--db", str(self.ws.dir / "none.db"),
                                  "orders", "list"], capture_output=True, text=True)
        self.assertEqual(missing.returncode, 1)
        self.assertIn("does not exist (create it with", missing.stderr)
        self.assertFalse((self.ws.dir / "none.db").exists())
        shown = self.orders.show("PO-C2")
        self.assertEqual(shown["status"], "received")
        self.assertIsNone(shown["confirmation"])
        self.assertEqual(self.orders.outbox(), [])

    def test_show_lists_lines_and_the_accuracy_check_differences(self):
        shown = self.orders.show("PO-C1")
        self.assertEqual([d["kind"] for d in shown["differences"]], ["contract-price"])
        self.assertEqual(shown["differences"][0]["line"], 1)
        self.assertEqual(shown["lines"][0]["unit_price"], 12.0)
        table = self.ctl("orders", "show", "PO-C1").stdout
        self.assertIn("contract-price", table)
        self.assertIn("unit price 12.00 EUR differs from the list price 12.50 EUR", table)
        listed = self.ctl("orders", "list").stdout
        self.assertIn("PO-C1", listed)
        self.assertIn("PO-C2", listed)
        only = self.ws.ctl("orders", "list", "--status", "received", "--buyer", "acme",
                           json_out=True)["orders"]
        self.assertEqual(sorted(o["order_id"] for o in only), ["PO-C1", "PO-C2"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
