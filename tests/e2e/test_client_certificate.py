"""Certificate authentication through the real gateway over TLS on loopback: a network that
authenticates by TLS client certificate instead of a SharedSecret (older Ariba setups)."""
import http.client
import re
import ssl
import subprocess
import unittest

from support import cxml_docs as docs
from support import dtd
from support.gateway import SUPPLIER_CREDENTIAL, Gateway, Workspace

US = [SUPPLIER_CREDENTIAL]
ACME = [("NetworkID", "AN01000000087")]


def make_client_cert(folder, name):
    cert, key = folder / f"{name}.pem", folder / f"{name}-key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", f"/CN={name}"],
        check=True, capture_output=True)
    out = subprocess.run(["openssl", "x509", "-in", str(cert), "-noout", "-fingerprint",
                          "-sha256"], check=True, capture_output=True, text=True).stdout
    return cert, key, out.strip().split("=", 1)[1]  # AB:CD:... as operators copy it


def profile_without_secret(sender_identity):
    # A Sender credential with no SharedSecret: the certificate is the proof.
    doc = docs.profile_request(ACME, US, ("AribaNetworkUserId", sender_identity, "x"))
    return re.sub(r"<SharedSecret>.*?</SharedSecret>", "", doc)


class ClientCertificateTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace("client-cert")
        cls.ws.ctl("buyer", "add", "acme", "--name", "Acme Oy", "--credential",
                   "NetworkID:AN01000000087", "--shared-secret-file", "-",
                   input="acme-direct-secret")
        cls.ws.ctl("sender", "add", "ariba", "--credential",
                   "AribaNetworkUserId:sysadmin@ariba.com", "--shared-secret-file", "-",
                   "--buyers", "acme", input="supplier-network-secret")
        cls.cert, cls.key, fingerprint = make_client_cert(cls.ws.dir, "ariba-network")
        cls.other_cert, cls.other_key, _ = make_client_cert(cls.ws.dir, "someone-else")
        shown = cls.ws.ctl("sender", "set", "ariba", "--client-certificate-sha256", fingerprint,
                           json_out=True)
        cls.fingerprint = shown["client_certificate_sha256"]
        cls.gw = Gateway(cls.ws, tls=True,
                         config={"tls.request_client_certificate": "true"}).start()

    @classmethod
    def tearDownClass(cls):
        code = cls.gw.stop()
        cls.ws.cleanup()
        assert code == 0, f"gateway exit code {code}"

    def post(self, body, cert=None, key=None):
        ctx = ssl.create_default_context(cafile=str(self.gw.cert))
        if cert:
            ctx.load_cert_chain(str(cert), str(key))
        host, port = self.gw.host_port
        conn = http.client.HTTPSConnection(host, port, timeout=30, context=ctx)
        try:
            conn.request("POST", "/cxml", body=body.encode(),
                         headers={"Content-Type": "text/xml; charset=UTF-8"})
            r = conn.getresponse()
            data = r.read()
        finally:
            conn.close()
        ok, out = dtd.validate(data)
        self.assertTrue(ok, out)
        code, _, message, _ = docs.parse_response(data)
        return code, message

    def test_the_pinned_certificate_authenticates_without_a_secret(self):
        self.assertRegex(self.fingerprint, r"^[0-9a-f]{64}$")
        code, message = self.post(profile_without_secret("sysadmin@ariba.com"),
                                  self.cert, self.key)
        self.assertEqual(code, 200, message)

    def test_no_certificate_or_another_one_is_refused_with_a_clear_401(self):
        code, message = self.post(profile_without_secret("sysadmin@ariba.com"))
        self.assertEqual(code, 401)
        self.assertIn("presented none", message)
        code, message = self.post(profile_without_secret("sysadmin@ariba.com"),
                                  self.other_cert, self.other_key)
        self.assertEqual(code, 401)
        self.assertIn("presented another certificate", message)
        # Even the right secret does not stand in for the pinned certificate.
        doc = docs.profile_request(ACME, US, ("AribaNetworkUserId", "sysadmin@ariba.com",
                                              "supplier-network-secret"))
        code, _ = self.post(doc)
        self.assertEqual(code, 401)

    def test_a_wrong_secret_still_fails_with_the_right_certificate(self):
        doc = docs.profile_request(ACME, US, ("AribaNetworkUserId", "sysadmin@ariba.com",
                                              "not-the-secret"))
        code, _ = self.post(doc, self.cert, self.key)
        self.assertEqual(code, 401)

    def test_senders_without_a_pin_are_unaffected(self):
        doc = docs.profile_request(ACME, US, ("NetworkID", "AN01000000087",
                                              "acme-direct-secret"))
        code, message = self.post(doc)
        self.assertEqual(code, 200, message)


if __name__ == "__main__":
    unittest.main()
