"""The integration API through the real gateway (issue 13, first part): clients made with
punchoutctl api-client authenticate with a bearer token; stock batches apply whole or not at
all, never move stock backwards, and every error is an RFC 9457 problem document that names
what is wrong. The OpenAPI document describes every route there is."""
import datetime
import json
import re
import socket
import sqlite3
import subprocess
import threading
import time
import unittest
import uuid

from browser.storefront_kit import Shop, StoreWorkspace, default_spec, punchout
from support import paths
from support.gateway import Gateway, cleanup_env, wait_until
from support.orders import metric, new_workspace

cleanup_env()

PROBLEM = "application/problem+json"


class IntegrationApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = new_workspace("integration-api")
        cls.gw = Gateway(cls.ws)
        cls.gw.start()
        made = cls.ws.ctl("api-client", "add", "erp", "--scope", "stock", "--rate-limit", "1000",
                          json_out=True)
        cls.token = made["token"]
        cls.orders_only = cls.ws.ctl("api-client", "add", "feed", "--scope", "orders",
                                     json_out=True)["token"]

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.ws.cleanup()

    def put(self, path, body, token=None, raw=None, key=None):
        headers = {"Content-Type": "application/json",
                   "Idempotency-Key": key or f"batch-{uuid.uuid4()}"}
        if key is False:
            del headers["Idempotency-Key"]
        if token is not False:
            headers["Authorization"] = "Bearer " + (token or self.token)
        data = raw if raw is not None else json.dumps(body).encode()
        return self.gw.request("PUT", path, body=data, headers=headers)

    def problem(self, r, status):
        self.assertEqual(r.status, status, r.text)
        self.assertEqual(r.header("Content-Type"), PROBLEM)
        doc = json.loads(r.body)
        self.assertEqual(doc["status"], status)
        self.assertTrue(doc["title"])
        self.assertTrue(doc["detail"])
        return doc

    def stock(self, sku):
        return {w["warehouse"]: (w["quantity"], w["updated_at"])
                for w in self.ws.ctl("inventory", "show", sku, json_out=True)["warehouses"]}

    def row(self, sku, qty, as_of, warehouse="VAASA"):
        return {"sku": sku, "warehouse": warehouse, "quantity": qty, "as_of": as_of}

    def test_openapi_describes_every_route_and_each_exists(self):
        r = self.gw.get("/api/v1/openapi.json")
        self.assertEqual(r.status, 200, r.text)
        doc = json.loads(r.body)
        self.assertEqual(doc["openapi"], "3.1.0")
        self.assertIn("/api/v1/stock", doc["paths"])
        for path, methods in doc["paths"].items():
            for method, op in methods.items():
                with self.subTest(path=path, method=method):
                    r = self.gw.request(method.upper(), path, body=b"{}",
                                        headers={"Content-Type": "application/json"})
                    # Without a token a described route is there and asks for one.
                    self.assertNotIn(r.status, (404, 405), r.text)
                    if op.get("security") != []:
                        self.problem(r, 401)

    def test_unknown_routes_and_methods_get_problems(self):
        doc = self.problem(self.gw.get("/api/v1/frobs"), 404)
        self.assertIn("/api/v1/openapi.json", doc["detail"])
        r = self.gw.get("/api/v1/stock")
        self.problem(r, 405)
        self.assertEqual(r.header("Allow"), "PUT")

    def test_tokens_and_scopes(self):
        r = self.put("/api/v1/stock", {"items": []}, token=False)
        self.problem(r, 401)
        self.assertTrue(r.header("WWW-Authenticate").startswith("Bearer"))
        r = self.put("/api/v1/stock", {"items": []}, token=self.token[:-2] + "xx")
        self.assertIn('error="invalid_token"', r.header("WWW-Authenticate"))
        self.assertIn("not valid", self.problem(r, 401)["detail"])
        r = self.put("/api/v1/stock", {"items": []}, token=self.orders_only)
        doc = self.problem(r, 403)
        self.assertIn("'stock' scope", doc["detail"])
        self.assertIn('error="insufficient_scope"', r.header("WWW-Authenticate"))

        spare = self.ws.ctl("api-client", "add", "spare", "--scope", "stock",
                            json_out=True)["token"]
        self.ws.ctl("api-client", "disable", "spare")
        doc = self.problem(self.put("/api/v1/stock", {"items": []}, token=spare), 401)
        self.assertIn("disabled", doc["detail"])
        rotated = self.ws.ctl("api-client", "rotate", "erp", json_out=True)["token"]
        try:
            self.problem(self.put("/api/v1/stock", {"items": []}), 401)
            self.assertNotEqual(self.put("/api/v1/stock", {"items": []}, token=rotated).status,
                                401)
        finally:
            type(self).token = rotated

    def test_a_batch_applies_and_later_figures_win_whatever_order_they_arrive_in(self):
        r = self.put("/api/v1/stock", {"items": [
            self.row("HB-M8-40", 120, "2026-12-01T10:00:00Z"),
            self.row("HB-M8-40", "7.5", "2026-12-01T10:00:00Z", warehouse="OULU"),
            self.row("CD-18V", 4, "2026-12-01T10:00:00Z")]})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.header("Content-Type"), "application/json")
        self.assertEqual(json.loads(r.body)["applied"], 3)
        self.assertEqual(self.stock("HB-M8-40")["OULU"][0], 7.5)

        # The 11:00 figure arrives first, the 10:30 one after it: the later one stays.
        r = self.put("/api/v1/stock", {"items": [self.row("CD-18V", 9, "2026-12-01T11:00:00Z")]})
        self.assertEqual(json.loads(r.body)["applied"], 1)
        r = self.put("/api/v1/stock", {"items": [self.row("CD-18V", 2, "2026-12-01T10:30:00Z")]})
        self.assertEqual(r.status, 200, r.text)
        answer = json.loads(r.body)
        self.assertEqual(answer["applied"], 0)
        self.assertEqual(answer["ignored_as_older"],
                         [{"index": 0, "sku": "CD-18V", "warehouse": "VAASA",
                           "as_of": "2026-12-01T10:30:00Z",
                           "stored_as_of": "2026-12-01T11:00:00Z"}])
        self.assertEqual(self.stock("CD-18V")["VAASA"], (9, "2026-12-01T11:00:00Z"))
        # The same figure again changes nothing.
        r = self.put("/api/v1/stock", {"items": [self.row("CD-18V", 9, "2026-12-01T11:00:00Z")]})
        self.assertEqual(json.loads(r.body)["unchanged"], 1)

    def test_a_retried_batch_applies_once_and_gets_the_first_answer(self):
        first = {"items": [self.row("SG-NIT-L", 10, "2026-12-02T09:00:00Z", warehouse="KEMI")]}
        r1 = self.put("/api/v1/stock", first, key="erp-batch-0001")
        self.assertEqual(r1.status, 200, r1.text)
        self.assertIsNone(r1.header("Idempotent-Replayed"))
        # A later figure, then the first batch again (its answer was lost, say): the stored
        # answer comes back and the stock stays at the later figure.
        later = {"items": [self.row("SG-NIT-L", 3, "2026-12-02T09:30:00Z", warehouse="KEMI")]}
        self.assertEqual(self.put("/api/v1/stock", later).status, 200)
        r2 = self.put("/api/v1/stock", first, key="erp-batch-0001")
        self.assertEqual(r2.status, 200, r2.text)
        self.assertEqual(r2.body, r1.body)
        self.assertEqual(r2.header("Idempotent-Replayed"), "true")
        self.assertEqual(self.stock("SG-NIT-L")["KEMI"][0], 3)
        # The same key with another batch is refused; without a key nothing is applied.
        other = {"items": [self.row("SG-NIT-L", 99, "2026-12-02T10:00:00Z", warehouse="KEMI")]}
        doc = self.problem(self.put("/api/v1/stock", other, key="erp-batch-0001"), 422)
        self.assertIn("another request", doc["detail"])
        doc = self.problem(self.put("/api/v1/stock", other, key=False), 400)
        self.assertIn("Idempotency-Key", doc["detail"])
        self.assertEqual(self.stock("SG-NIT-L")["KEMI"][0], 3)

    def test_a_refused_batch_leaves_its_key_free_for_the_corrected_one(self):
        bad = {"items": [self.row("NO-SUCH", 1, "2026-12-02T09:00:00Z")]}
        self.problem(self.put("/api/v1/stock", bad, key="erp-batch-0002"), 422)
        good = {"items": [self.row("CD-18V", 1, "2026-10-02T09:00:00Z", warehouse="PORI")]}
        self.assertEqual(self.put("/api/v1/stock", good, key="erp-batch-0002").status, 200)

    def test_metrics_show_the_oldest_stock_figure_and_the_last_api_write(self):
        old = {"items": [self.row("HB-M8-40", 1, "2026-01-01T00:00:00Z", warehouse="ARCHIVE")]}
        self.assertEqual(self.put("/api/v1/stock", old).status, 200)
        age = metric(self.gw, "punchout_stock_oldest_report_age_seconds")
        since = (datetime.datetime.now(datetime.timezone.utc) -
                 datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)).total_seconds()
        self.assertAlmostEqual(age, since, delta=120)
        last = metric(self.gw, "punchout_api_last_write_age_seconds")
        self.assertIsNotNone(last)
        self.assertLess(last, 60)

    def test_bad_rows_change_nothing_and_are_each_named(self):
        before = self.stock("SG-NIT-L")
        r = self.put("/api/v1/stock", {"items": [
            self.row("SG-NIT-L", 50, "2026-12-02T08:00:00Z"),
            self.row("NO-SUCH-SKU", 1, "2026-12-02T08:00:00Z"),
            self.row("SG-NIT-L", -3, "2026-12-02T08:00:00Z", warehouse="OULU")]})
        doc = self.problem(r, 422)
        self.assertEqual([(e["index"], e["field"]) for e in doc["errors"]],
                         [(1, "items[1].sku"), (2, "items[2].quantity")])
        self.assertIn("nothing was changed", doc["detail"])
        self.assertEqual(self.stock("SG-NIT-L"), before)

    def test_malformed_bodies_name_the_field_and_change_nothing(self):
        before = self.stock("SG-NIT-L")
        cases = [
            (b'{"items": [', None),
            (json.dumps({"items": [{"sku": "SG-NIT-L", "warehouse": "VAASA", "qty": 1,
                                    "as_of": "2026-12-02T08:00:00Z"}]}).encode(),
             "items[0].qty"),
            (json.dumps({"items": [{"sku": "SG-NIT-L", "warehouse": 5, "quantity": 1,
                                    "as_of": "2026-12-02T08:00:00Z"}]}).encode(),
             "items[0].warehouse"),
            (json.dumps({"items": [{"sku": "SG-NIT-L", "warehouse": "VAASA",
                                    "quantity": 1}]}).encode(), "items[0].as_of"),
            (json.dumps({"items": [{"sku": "SG-NIT-L", "warehouse": "VAASA", "quantity": 1,
                                    "as_of": "yesterday"}]}).encode(), "items[0].as_of"),
            (json.dumps([1, 2]).encode(), ""),
            (json.dumps({"rows": []}).encode(), "rows"),
        ]
        for raw, field in cases:
            with self.subTest(body=raw[:60]):
                doc = self.problem(self.put("/api/v1/stock", None, raw=raw), 400)
                if field is None:
                    self.assertIn("not well-formed JSON", doc["detail"])
                else:
                    self.assertEqual(doc["errors"][0]["field"], field)
        self.assertIn("no rows", self.problem(self.put("/api/v1/stock", {"items": []}),
                                              422)["detail"])
        self.assertEqual(self.stock("SG-NIT-L"), before)

    def test_a_body_over_the_limit_is_413_as_a_problem(self):
        # Announce 5 MiB and send only the start: the gateway answers from the length.
        host, port = self.gw.host_port
        with socket.create_connection((host, port), timeout=10) as sock:
            sock.sendall(b"PUT /api/v1/stock HTTP/1.1\r\nHost: x\r\n"
                         b"Authorization: Bearer " + self.token.encode() + b"\r\n"
                         b"Content-Type: application/json\r\nIdempotency-Key: big-1\r\n"
                         b"Content-Length: " + str(5 << 20).encode() + b"\r\n\r\n"
                         b'{"items": [')
            reply = b""
            while b"}" not in reply:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                reply += chunk
        head, _, body = reply.partition(b"\r\n\r\n")
        self.assertIn(b" 413 ", head.split(b"\r\n")[0], reply)
        self.assertIn(b"application/problem+json", head)
        self.assertEqual(json.loads(body)["status"], 413)

    def test_a_client_over_its_rate_gets_429_with_retry_after(self):
        slow = self.ws.ctl("api-client", "add", "slow", "--scope", "stock", "--rate-limit", "1",
                           json_out=True)["token"]
        body = {"items": [self.row("HB-M8-40", 1, "2026-11-01T00:00:00Z", warehouse="TAMPERE")]}
        statuses = [self.put("/api/v1/stock", body, token=slow) for _ in range(3)]
        self.assertEqual(statuses[0].status, 200, statuses[0].text)
        limited = [r for r in statuses if r.status == 429]
        self.assertTrue(limited, [r.status for r in statuses])
        self.assertIn("1 requests per second", self.problem(limited[0], 429)["detail"])
        self.assertGreaterEqual(int(limited[0].header("Retry-After")), 1)



class KilledMidBatchTest(unittest.TestCase):
    """kill -9 while a 9,999-row batch is being written: afterwards the batch is there whole
    or not at all, and its retry with the same key applies it once."""

    def test_a_batch_survives_kill_9_whole_or_not_at_all_and_its_retry_applies_once(self):
        ws = new_workspace("api-kill")
        self.addCleanup(ws.cleanup)
        token = ws.ctl("api-client", "add", "erp", "--scope", "stock", json_out=True)["token"]
        skus = ["HB-M8-40", "SG-NIT-L", "CD-18V"]
        rows = [{"sku": sku, "warehouse": f"W{w:04d}", "quantity": w % 97,
                 "as_of": "2026-12-02T12:00:00Z"} for w in range(3333) for sku in skus]
        body = json.dumps({"items": rows}).encode()
        headers = {"Content-Type": "application/json", "Authorization": "Bearer " + token}

        def stocked():
            counts = [len(ws.ctl("inventory", "show", sku, json_out=True)["warehouses"])
                      for sku in skus]
            self.assertIn(sum(counts), (0, len(rows)), f"a half-applied batch: {counts}")
            return sum(counts) == len(rows)

        outcomes = []
        for attempt, delay in enumerate((0.0, 0.02, 0.06, 0.15)):
            with self.subTest(delay=delay):
                gw = Gateway(ws)
                gw.start()
                key = f"killed-batch-{attempt}"
                sender = threading.Thread(target=lambda: self._send(gw, body, headers, key))
                sender.start()
                time.sleep(delay)
                gw.kill9()
                sender.join(30)
                applied_before_retry = stocked()
                gw = Gateway(ws)
                gw.start()
                try:
                    r = gw.request("PUT", "/api/v1/stock", body=body,
                                   headers=dict(headers, **{"Idempotency-Key": key}))
                    self.assertEqual(r.status, 200, r.text)
                    self.assertEqual(r.header("Idempotent-Replayed") == "true",
                                     applied_before_retry, r.text)
                    self.assertTrue(stocked())
                    again = gw.request("PUT", "/api/v1/stock", body=body,
                                       headers=dict(headers, **{"Idempotency-Key": key}))
                    self.assertEqual(again.header("Idempotent-Replayed"), "true")
                    self.assertEqual(again.body, r.body)
                finally:
                    gw.stop()
                outcomes.append(applied_before_retry)
                # The next round starts from no stock, so "whole" means this round's batch.
                self._clear(ws)
        # Killed at once, the batch never got in: the retry is what applied it.
        self.assertFalse(outcomes[0], outcomes)

    @staticmethod
    def _send(gw, body, headers, key):
        try:
            gw.request("PUT", "/api/v1/stock", body=body,
                       headers=dict(headers, **{"Idempotency-Key": key}))
        except OSError:
            pass  # the gateway was killed under it

    @staticmethod
    def _clear(ws):
        with sqlite3.connect(ws.db) as db:
            db.execute("DELETE FROM inventory")

class ApiOffTheIoThreadTest(unittest.TestCase):
    """API calls run on the API's own threads: on a gateway with one I/O thread, a stock
    batch waiting for SQLite's write lock holds up neither /metrics nor /healthz, and it
    applies once the lock is free."""

    def test_a_batch_waiting_for_the_write_lock_holds_up_nothing_else(self):
        ws = new_workspace("api-threads")
        self.addCleanup(ws.cleanup)
        token = ws.ctl("api-client", "add", "erp", "--scope", "stock", json_out=True)["token"]
        gw = Gateway(ws, threads=1)
        gw.start()
        self.addCleanup(gw.stop)
        body = json.dumps({"items": [{"sku": "HB-M8-40", "warehouse": "Vaasa", "quantity": 12,
                                      "as_of": "2026-12-03T10:00:00Z"}]}).encode()
        headers = {"Content-Type": "application/json", "Authorization": "Bearer " + token,
                   "Idempotency-Key": "while-locked"}
        holder = sqlite3.connect(ws.db, isolation_level=None, timeout=0)
        holder.execute("BEGIN IMMEDIATE")  # the write lock, as a long import holds it
        answered = []
        sender = threading.Thread(target=lambda: answered.append(
            gw.request("PUT", "/api/v1/stock", body=body, headers=headers)))
        sender.start()
        try:
            # The one I/O thread answers /metrics while the batch waits for the lock.
            def quick_get(path):
                # A second's patience: a batch on the I/O thread would hold this up for 5.
                conn = gw.connection(timeout=1)
                try:
                    return gw.get(path, conn=conn)
                finally:
                    conn.close()

            def pending():
                r = quick_get("/metrics")
                m = re.search(r"^punchout_api_calls_pending (\S+)$", r.text, re.M)
                return m is not None and float(m.group(1)) == 1

            self.assertTrue(wait_until(pending, timeout=3,
                                       message="the batch waiting on an API thread"))
            self.assertEqual(quick_get("/healthz").status, 200)
            self.assertTrue(sender.is_alive(), "the batch was answered while the lock was held")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        sender.join(30)
        self.assertEqual(answered[0].status, 200, answered[0].text)
        shown = ws.ctl("inventory", "show", "HB-M8-40", json_out=True)
        self.assertIn(12.0, [w["quantity"] for w in shown["warehouses"]])
        self.assertEqual(metric(gw, "punchout_api_calls_pending"), 0)


class LiveCatalogTest(unittest.TestCase):
    """A price or stock written through the API is on the next page view (issue 13); the
    price batch's rules are the price import's."""

    RETURN_URL = "https://buyer.example/punchout/return"

    @classmethod
    def setUpClass(cls):
        cls.ws = StoreWorkspace("live-catalog")
        cls.ws.seed(default_spec())
        cls.gw = Gateway(cls.ws).start()
        cls.token = cls.ws.ctl("api-client", "add", "erp", "--scope", "stock,prices",
                               json_out=True)["token"]

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.ws.cleanup()

    def write(self, method, path, items, key=None):
        return self.gw.request(method, path, body=json.dumps({"items": items}).encode(),
                               headers={"Authorization": "Bearer " + self.token,
                                        "Content-Type": "application/json",
                                        "Idempotency-Key": key or f"b-{uuid.uuid4()}"})

    def test_prices_and_stock_from_the_api_are_on_the_next_page_view(self):
        shop = Shop(self.gw, punchout(self.gw, self.RETURN_URL))
        before = shop.get("/product/HB-M8-40").text
        self.assertIn("Your price 11.00 EUR", before)
        self.assertIn("Vaasa 40 PK", before)

        r = self.write("PUT", "/api/v1/prices", [
            {"buyer": "acme", "sku": "HB-M8-40", "price": "9.75"},
            {"buyer": "acme", "sku": "HB-M8-40", "price": 8.9, "min_qty": 10},
            {"sku": "HB-M8-40", "price": "12.90", "currency": "EUR"}])
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(json.loads(r.body), {"inserted": 0, "updated": 3, "unchanged": 0})
        r = self.write("PUT", "/api/v1/stock", [
            {"sku": "HB-M8-40", "warehouse": "Vaasa", "quantity": 77,
             "as_of": "2026-12-03T09:40:00Z"}])
        self.assertEqual(r.status, 200, r.text)

        after = shop.get("/product/HB-M8-40").text
        self.assertIn("Your price 9.75 EUR", after)
        self.assertIn("10 PK 8.90 EUR", after)
        self.assertIn("List price 12.90 EUR", after)
        self.assertIn("Vaasa 77 PK", after)

        # The tier goes: the page falls back to the one left.
        r = self.write("DELETE", "/api/v1/prices", [
            {"buyer": "acme", "sku": "HB-M8-40", "min_qty": 10},
            {"buyer": "acme", "sku": "HB-M8-40", "min_qty": 10, "valid_from":
             "2030-01-01T00:00:00Z"}])
        self.assertEqual(json.loads(r.body), {"deleted": 1, "absent": [1]})
        self.assertNotIn("8.90 EUR", shop.get("/product/HB-M8-40").text)

    def test_a_price_batch_with_bad_rows_changes_nothing(self):
        r = self.write("PUT", "/api/v1/prices", [
            {"buyer": "acme", "sku": "CD-18V", "price": "120.00"},
            {"buyer": "nobody", "sku": "CD-18V", "price": "1"},
            {"buyer": "acme", "sku": "NO-SUCH", "price": "1"},
            {"buyer": "acme", "sku": "CD-18V", "price": "1", "valid_from": "yesterday"}])
        self.assertEqual(r.status, 422, r.text)
        errors = json.loads(r.body)["errors"]
        self.assertEqual([(e["index"], e["field"]) for e in errors],
                         [(1, "items[1].buyer"), (2, "items[2].sku"),
                          (3, "items[3].valid_from")])
        resolved = self.ws.ctl("prices", "resolve", "--buyer", "acme", "--sku", "CD-18V",
                               json_out=True)
        self.assertEqual(resolved["price"], 139.0)
        r = self.write("PUT", "/api/v1/prices", [{"buyer": "acme", "sku": "CD-18V",
                                                  "price": "1", "discount": "5%"}])
        self.assertEqual(r.status, 400, r.text)
        self.assertEqual(json.loads(r.body)["errors"][0]["field"], "items[0].discount")
        r = self.write("DELETE", "/api/v1/prices", [{"sku": "CD-18V"}])
        self.assertEqual(json.loads(r.body)["errors"][0]["field"], "items[0].buyer")


class LiveProductsTest(unittest.TestCase):
    """Products written through the API (scope catalog) are on the next page and in search;
    the rules and words are the catalog import's, a field a row leaves out keeps its value,
    and a removed product is gone from the storefront."""

    RETURN_URL = "https://buyer.example/punchout/return"

    @classmethod
    def setUpClass(cls):
        cls.ws = StoreWorkspace("live-products")
        cls.ws.seed(default_spec())
        cls.gw = Gateway(cls.ws).start()
        cls.token = cls.ws.ctl("api-client", "add", "pim", "--scope", "catalog",
                               json_out=True)["token"]
        cls.prices_only = cls.ws.ctl("api-client", "add", "erp", "--scope", "prices",
                                     json_out=True)["token"]

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.ws.cleanup()

    def call(self, method, path, items=None, key=None, token=None):
        body = b"" if items is None else json.dumps({"items": items}).encode()
        return self.gw.request(method, path, body=body,
                               headers={"Authorization": "Bearer " + (token or self.token),
                                        "Content-Type": "application/json",
                                        "Idempotency-Key": key or f"p-{uuid.uuid4()}"})

    @staticmethod
    def product(sku, description, **more):
        row = {"sku": sku, "description": description, "uom": "EA", "price": "24.90",
               "currency": "EUR", "unspsc": "27112700"}
        row.update(more)
        return row

    def test_a_new_product_is_on_its_page_and_in_search_and_a_removed_one_is_gone(self):
        shop = Shop(self.gw, punchout(self.gw, self.RETURN_URL))
        self.assertEqual(shop.get("/product/TW-KIT%2F2").status, 404)
        r = self.call("PUT", "/api/v1/products", [self.product(
            "TW-KIT/2", "Torque wrench kit, two wrenches", manufacturer="Bahco",
            category="Tools > Hand tools", lead_time_days=3,
            attributes={"Range": "20-100 Nm", "Drive": "1/2 in"})])
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(json.loads(r.body), {"inserted": 1, "updated": 0, "unchanged": 0})
        page = shop.get("/product/TW-KIT%2F2")
        self.assertEqual(page.status, 200, page.text)
        for text in ("Torque wrench kit, two wrenches", "Bahco", "20-100 Nm", "24.90 EUR"):
            self.assertIn(text, page.text)
        self.assertIn("TW-KIT/2", shop.get("/search?q=torque+wrench").text)

        key = f"del-{uuid.uuid4()}"
        r = self.call("DELETE", "/api/v1/products/TW-KIT%2F2", key=key)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(json.loads(r.body), {"deleted": "TW-KIT/2"})
        self.assertEqual(shop.get("/product/TW-KIT%2F2").status, 404)
        self.assertNotIn("TW-KIT/2", shop.get("/search?q=torque+wrench").text)
        # The retry gets the first answer; a new request for a product gone is 404.
        again = self.call("DELETE", "/api/v1/products/TW-KIT%2F2", key=key)
        self.assertEqual((again.status, again.header("Idempotent-Replayed")), (200, "true"))
        gone = self.call("DELETE", "/api/v1/products/TW-KIT%2F2")
        self.assertEqual(gone.status, 404, gone.text)
        self.assertEqual(gone.header("Content-Type"), PROBLEM)

    def test_a_changed_product_keeps_what_the_row_leaves_out(self):
        shop = Shop(self.gw, punchout(self.gw, self.RETURN_URL))
        before = self.ws.ctl("catalog", "show", "CD-18V", json_out=True)
        r = self.call("PUT", "/api/v1/products", [self.product(
            "CD-18V", "Cordless drill 18 V, brushless", price=199)])
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(json.loads(r.body), {"inserted": 0, "updated": 1, "unchanged": 0})
        after = shop.get("/product/CD-18V").text
        self.assertIn("Cordless drill 18 V, brushless", after)
        # The contract price stays the buyer's; the manufacturer, not in the row, stays.
        self.assertIn("Your price 139.00 EUR", after)
        stored = self.ws.ctl("catalog", "show", "CD-18V", json_out=True)
        self.assertEqual(stored["list_price"], 199.0)
        for kept in ("manufacturer", "manufacturer_part", "category", "image_url",
                     "attributes"):
            self.assertEqual(stored[kept], before[kept], kept)
        self.assertTrue(before["manufacturer"])

    def test_bad_rows_change_nothing_and_are_named_with_the_imports_words(self):
        r = self.call("PUT", "/api/v1/products", [
            self.product("OK-1", "Fine"),
            self.product("BAD-1", "Bad", unspsc="2711.27"),
            {"sku": "BAD-2", "description": "No price", "uom": "EA", "currency": "EUR",
             "unspsc": "27112700"},
            self.product("OK-1", "Twice")])
        self.assertEqual(r.status, 422, r.text)
        errors = json.loads(r.body)["errors"]
        self.assertEqual([(e["index"], e["field"]) for e in errors],
                         [(1, "items[1].unspsc"), (2, "items[2].price"), (3, "items[3].sku")])
        self.assertIn("UNSPSC", errors[0]["message"])
        self.assertNotEqual(self.ws.ctl("catalog", "show", "OK-1", check=False).returncode, 0)
        r = self.call("PUT", "/api/v1/products", [self.product("OK-1", "x", colour="red")])
        self.assertEqual(r.status, 400, r.text)
        self.assertEqual(json.loads(r.body)["errors"][0]["field"], "items[0].colour")

    def test_products_need_the_catalog_scope(self):
        r = self.call("PUT", "/api/v1/products", [self.product("S-1", "Scoped")],
                      token=self.prices_only)
        self.assertEqual(r.status, 403, r.text)
        r = self.call("DELETE", "/api/v1/products/CD-18V", token=self.prices_only)
        self.assertEqual(r.status, 403, r.text)


class ImportBesideTheApiTest(unittest.TestCase):
    """A large catalog import builds the next catalog beside the serving one: while it does,
    a product write through the API is 409 with Retry-After and a problem naming the
    import, stores nothing under its Idempotency-Key, and the same request sent again once
    the import is swapped in applies, beside the import's products."""

    ROWS = 30000

    @classmethod
    def setUpClass(cls):
        cls.ws = StoreWorkspace("import-beside-api")
        cls.ws.seed(default_spec())
        cls.gw = Gateway(cls.ws).start()
        cls.token = cls.ws.ctl("api-client", "add", "pim", "--scope", "catalog",
                               json_out=True)["token"]

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.ws.cleanup()

    def building(self):
        db = sqlite3.connect(f"file:{self.ws.db}?mode=ro", uri=True, timeout=5)
        try:
            return db.execute("SELECT count(*) FROM catalog_build"
                              " WHERE phase = 'building'").fetchone()[0] > 0
        finally:
            db.close()

    def test_product_writes_wait_for_the_swap_with_409_and_apply_after_it(self):
        lines = ["sku,description,uom,price,currency,unspsc"]
        lines += [f"BULK-{i},Bulk item {i},EA,1.25,EUR,31161500" for i in range(self.ROWS)]
        big = self.ws.write("big.csv", "\n".join(lines) + "\n")
        importer = subprocess.Popen([str(paths.PUNCHOUTCTL), "--db", str(self.ws.db), "--json",
                                     "catalog", "import", str(big)],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            self.assertTrue(wait_until(self.building, timeout=60), "the build never started")
            key = f"during-{uuid.uuid4()}"
            body = json.dumps({"items": [{"sku": "DURING-1", "description": "Sent mid-import",
                                          "uom": "EA", "price": "3.00", "currency": "EUR",
                                          "unspsc": "31161500"}]}).encode()
            headers = {"Authorization": "Bearer " + self.token,
                       "Content-Type": "application/json", "Idempotency-Key": key}
            r = self.gw.request("PUT", "/api/v1/products", body=body, headers=headers)
            self.assertEqual(r.status, 409, r.text)
            self.assertEqual(r.header("Content-Type"), PROBLEM)
            self.assertEqual(r.header("Retry-After"), "10")
            self.assertIn("big.csv", json.loads(r.body)["detail"])
            # The gateway answers meanwhile.
            self.assertEqual(self.gw.get("/healthz").status, 200)
            out, err = importer.communicate(timeout=300)
        finally:
            if importer.poll() is None:
                importer.kill()
        self.assertEqual(importer.returncode, 0, err)
        report = json.loads(out)
        self.assertEqual(report["inserted"], self.ROWS)
        self.assertFalse(self.building())
        again = self.gw.request("PUT", "/api/v1/products", body=body, headers=headers)
        self.assertEqual(again.status, 200, again.text)
        self.assertIsNone(again.header("Idempotent-Replayed"))
        self.assertEqual(json.loads(again.body)["inserted"], 1)
        for sku in ("DURING-1", f"BULK-{self.ROWS - 1}", "CD-18V"):
            self.assertEqual(self.ws.ctl("catalog", "show", sku, check=False).returncode, 0, sku)


if __name__ == "__main__":
    unittest.main()
