-- Platform profiles: which eProcurement system a buyer shops from, so the storefront can
-- show what that system would cut, change or refuse in a cart before it leaves
-- (cxml/platform_profile.hpp; docs/platform-profiles.md cites each limit). The names are
-- the ones `punchoutctl buyer set --platform` takes.
ALTER TABLE buyer ADD COLUMN platform TEXT NOT NULL DEFAULT 'generic'
    CHECK (platform IN ('generic', 'ariba', 'coupa', 'jaggaer', 'oracle', 'sap-srm'));
