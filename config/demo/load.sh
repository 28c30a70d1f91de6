#!/usr/bin/env bash
# Loads the demo data set into a database with punchoutctl:
#   config/demo/load.sh DB [PUNCHOUTCTL]
# Two buyers: Acme (SAP Ariba through the Ariba Network hub, plus its own direct sender)
# and Nordtech (SAP SRM over OCI, with SRM unit codes and a restricted catalog view).
# The secrets below are for the demo only; never reuse them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
db=${1:?usage: load.sh DB [PUNCHOUTCTL]}
ctl=${2:-$here/../../build/bin/punchoutctl}
run() { "$ctl" --db "$db" "$@" >/dev/null; }

run init
run catalog import "$here/catalog.csv"
run inventory import "$here/inventory.csv"

echo "demo-acme-direct-secret" | run buyer add acme --name "Acme Manufacturing Oy" \
    --credential NetworkID:AN01000000087 --credential DUNS:123456789 --currency EUR \
    --shared-secret-file -
run buyer set acme --document-url https://buyer.example.com/cxml/inbound \
    --frame-origin https://s1.ariba.com --postback-host s1.ariba.com
echo "demo-ariba-network-secret" | run sender add ariba \
    --credential AribaNetworkUserId:sysadmin@ariba.com --shared-secret-file - --buyers acme
run prices import --buyer acme "$here/prices/acme.csv"

run buyer add nordtech --name "Nordtech Industrial Oy" --credential DUNS:987654321 --currency EUR
echo "demo-nordtech-oci" | run buyer set nordtech --cart-transport oci --unit-map EA=ST \
    --unit-map PK=PAK --unit-map PR=PAA --view-category "Fasteners" --view-category "Hand tools" \
    --view-category "Safety > Gloves" --view-category "Electrical" \
    --view-skus-file "$here/nordtech-skus.txt" --oci-username nordtech-srm \
    --oci-password-file - --order-policy reject
run prices import --buyer nordtech "$here/prices/nordtech.csv"

echo "demo data loaded into $db"
