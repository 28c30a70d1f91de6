"""tools/bench/run --quick: every path of the benchmark harness answers correctly.

Speeds are never asserted (machines are shared and noisy); what is asserted is that each
path the build has was driven, every request got the right answer (HTTP status and a
checked body), and the figures came out as the README describes them."""
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

SOURCE = pathlib.Path(os.environ.get("PUNCHOUT_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
RUN = SOURCE / "tools" / "bench" / "run"

ALWAYS = {"setup", "setup_tls", "setup_tls_new", "order", "order_attachment", "outbox", "idle",
          "catalog_import_live"}
STOREFRONT = {"product", "search", "cart_transfer", "api_stock", "api_stock_mixed",
              "api_stock_visible"}


class QuickBenchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="bench-quick-")
        out = pathlib.Path(cls.tmp.name) / "quick.json"
        cls.proc = subprocess.run([sys.executable, str(RUN), "--quick", "--out", str(out)],
                                 capture_output=True, text=True, timeout=1700)
        cls.doc = json.loads(out.read_text()) if out.exists() else None

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def setUp(self):
        self.assertIsNotNone(self.doc,
                             f"no JSON written:\n{self.proc.stdout}\n{self.proc.stderr}")

    def rows(self):
        return {r["path"]: r for r in self.doc["rows"]}

    def test_the_harness_succeeds_without_failures(self):
        self.assertEqual(self.proc.returncode, 0,
                         self.proc.stdout[-4000:] + self.proc.stderr[-4000:])
        self.assertEqual(self.doc["failures"], [])
        self.assertEqual(self.doc["mode"], "quick")

    def test_every_path_of_this_build_is_measured_or_said_why_not(self):
        measured = set(self.rows())
        unmeasured = {u["path"]: u["why"] for u in self.doc["unmeasured"]}
        expected = set(ALWAYS)
        if (SOURCE / "gateway" / "storefront").is_dir():
            expected |= STOREFRONT
        self.assertLessEqual(expected, measured, f"missing; unmeasured: {unmeasured}")
        self.assertTrue(measured.isdisjoint(unmeasured))
        self.assertIn("outbox", measured | set(unmeasured))
        for why in unmeasured.values():
            self.assertTrue(why)

    def test_each_path_answered_every_request_correctly(self):
        for path, row in self.rows().items():
            with self.subTest(path=path):
                self.assertEqual(row["errors"], 0, row)
                if path == "idle":
                    idle = row["idle"]
                    self.assertEqual(idle["answered_first"], idle["connections"])
                    self.assertEqual(idle["answered_after_hold"], idle["connections"])
                else:
                    self.assertGreater(row["ok"], 0)
                    self.assertGreater(row["rate"], 0)

    def test_each_rate_has_a_baseline_from_the_same_run(self):
        for path, row in self.rows().items():
            with self.subTest(path=path):
                if path == "idle":
                    self.assertGreater(row["baseline_rss_mb"], 0)
                    continue
                self.assertGreater(row["baseline_rate"], 0)
                self.assertAlmostEqual(row["ratio"], row["rate"] / row["baseline_rate"], places=6)

    def test_latencies_are_ordered_and_p99_at_70_percent_comes_from_an_open_loop(self):
        for path, row in self.rows().items():
            lat = row["latency_ms"]
            if not lat or lat.get("p50") is None:
                continue
            with self.subTest(path=path):
                self.assertLessEqual(lat["p50"], lat["p99"])
                self.assertLessEqual(lat["p99"], lat["p999"])
        for path in ("setup", "product", "search"):
            row = self.rows().get(path)
            if row is None:
                continue
            with self.subTest(path=path):
                fixed = row["fixed_rate"]
                self.assertEqual(fixed["mode"], "open")
                self.assertAlmostEqual(fixed["target_rate"], 0.7 * row["saturation"]["rate"],
                                       delta=1.0)
                self.assertEqual(row["latency_ms"], fixed["latency_ms"])

    def test_orders_are_compared_with_the_disk_measured_in_the_same_run(self):
        row = self.rows()["order"]
        self.assertGreater(self.doc["fdatasync"]["rate"], 0)
        self.assertEqual(row["fdatasync_rate"], self.doc["fdatasync"]["rate"])

    def test_setups_and_orders_ran_during_the_whole_catalog_import(self):
        row = self.rows()["catalog_import_live"]
        self.assertGreater(row["import_rows"], 0)
        self.assertGreaterEqual(row["rounds"], 1)
        self.assertEqual(row["errors_during"], 0)
        for k in ("setup_p99_alone_ms", "setup_p99_during_ms", "order_p99_alone_ms",
                  "order_p99_during_ms", "import_longest_lock_ms"):
            self.assertGreater(row[k], 0, k)

    def test_the_table_is_printed(self):
        out = self.proc.stdout
        for column in ("req/s", "p50 ms", "p99 ms", "p99.9 ms", "errors", "peak RSS MB",
                       "baseline req/s", "ratio"):
            self.assertIn(column, out)
        self.assertIn(f"{self.doc['machine']['cores']} cores", out)


if __name__ == "__main__":
    unittest.main()
