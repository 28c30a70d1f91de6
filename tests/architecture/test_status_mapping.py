"""No code but the one mapping chooses a status number for an answer.

gateway/http/refusal_mapping.cpp holds the table that turns a refusal kind into a cXML
Status code and HTTP statuses. Everywhere else in gateway/ a refusal is a kind
(gateway/service/refusal.hpp); this test reads every gateway source (comments and string
literals removed) and fails on a cXML answer code written as a number, or a Status built
from one, outside that file.
"""
import os
import pathlib
import re
import unittest

ROOT = pathlib.Path(os.environ.get("PUNCHOUT_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
MAPPING = "gateway/http/refusal_mapping.cpp"

# The cXML codes our refusals carry (cXML 1.2.071 User's Guide, "Status").
ANSWER_CODES = re.compile(r"\b(400|401|403|406|409|412|413|415|450|500|503|560)\b")
STATUS_BUILDERS = re.compile(r"\b(make_status|make_status_response)\s*\(|\bStatus\s*\{")

# Files that handle status numbers without choosing an answer, and why.
EXEMPT = {
    # Reads the status classes of the buyer's answers to our deliveries (2xx, 4xx, 5xx).
    "gateway/outbox/delivery_policy.cpp": "classifies answers we receive",
    # A JSON document in a raw string: its numbers are documented limits, not answers.
    "gateway/inbound/api_openapi.cpp": "the OpenAPI description, text for clients",
}
# Lines whose number is not a status at all.
NOT_A_STATUS = {
    "inline constexpr std::size_t max_cart_lines = 500;",
    "constexpr std::size_t max_feed_limit = 500;",
}
# Files that may build a Status from a code they are given, never from a literal.
BUILDS_GIVEN_STATUS = {
    MAPPING: "the mapping itself",
    "gateway/inbound/cxml_reply.cpp": "wraps the Status the mapping returned in a Response",
    "gateway/service/document_builder.cpp": "the StatusUpdateRequest we send about an order",
}

COMMENT_OR_STRING = re.compile(
    r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.DOTALL)


def code_of(path):
    """The source without comments and string or character literals."""
    return COMMENT_OR_STRING.sub(lambda m: " " if m.group(0).startswith("/") else '""',
                                 path.read_text(encoding="utf-8"))


def gateway_sources():
    for path in sorted((ROOT / "gateway").rglob("*")):
        if path.suffix in {".cpp", ".hpp"}:
            yield path, path.relative_to(ROOT).as_posix()


class OneStatusMapping(unittest.TestCase):
    def test_no_answer_code_is_written_outside_the_mapping(self):
        bad = []
        for path, rel in gateway_sources():
            if rel == MAPPING or rel in EXEMPT:
                continue
            for n, line in enumerate(code_of(path).splitlines(), 1):
                if ANSWER_CODES.search(line) and line.strip() not in NOT_A_STATUS:
                    bad.append(f"{rel}:{n}: {line.strip()}")
        self.assertEqual(bad, [], "a status number chosen outside " + MAPPING)

    def test_no_status_is_built_outside_the_files_that_may(self):
        bad = []
        for path, rel in gateway_sources():
            if rel in BUILDS_GIVEN_STATUS:
                continue
            for n, line in enumerate(code_of(path).splitlines(), 1):
                if STATUS_BUILDERS.search(line):
                    bad.append(f"{rel}:{n}: {line.strip()}")
        self.assertEqual(bad, [], "a cXML Status built outside " + MAPPING)

    def test_the_mapping_has_a_row_for_every_refusal_kind(self):
        header = (ROOT / "gateway/service/refusal.hpp").read_text(encoding="utf-8")
        body = re.search(r"enum class RefusalKind \{(.*?)\};", header, re.DOTALL).group(1)
        kinds = re.findall(r"^\s*(\w+),", body, re.MULTILINE)
        self.assertGreaterEqual(len(kinds), 8)
        mapping = (ROOT / MAPPING).read_text(encoding="utf-8")
        rows = set(re.findall(r"\{RefusalKind::(\w+),", mapping))
        self.assertEqual(set(kinds), rows)

    def test_the_scan_reads_real_code(self):
        # Guards against the stripping removing everything: the mapping's own numbers show.
        self.assertTrue(ANSWER_CODES.search(code_of(ROOT / MAPPING)))
        self.assertGreater(len(list(gateway_sources())), 50)


if __name__ == "__main__":
    unittest.main()
