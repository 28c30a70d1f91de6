#pragma once

#include "catalog/connection.hpp"
#include "catalog/import_report.hpp"

#include <filesystem>
#include <istream>
#include <string>

namespace punchout::catalog {

/// Imports a catalog CSV (header row, UTF-8, RFC 4180): an upsert by SKU.
///
/// Required columns: sku, description, uom, price, currency, unspsc. Optional: short_name,
/// long_description, manufacturer, manufacturer_part, lead_time_days, category,
/// price_basis_quantity, image_url, datasheet_url, and attr:NAME for spec attributes.
/// Columns come in any order; an unknown column is an issue naming it. For products that
/// already exist, optional columns the file does not have keep their values, and the
/// attributes are replaced only when the file has attr: columns.
///
/// The whole file is read and checked first without any lock (rows go to a TEMP table),
/// then applied in one write transaction: readers see the old catalog or the new one.
/// `name` is how issues refer to the file.
ImportReport import_catalog_csv(Connection& conn, std::istream& in, const std::string& name,
                                const ImportOptions& options = {});

/// Imports a CIF 3.0 catalog (CIF_I_V3.0 header, FIELDNAMES, DATA ... ENDOFDATA).
/// LOADMODE F replaces the catalog: products not in the file are deleted. LOADMODE I (the
/// default) upserts and deletes the rows whose Delete field is true. See catalog/README.md
/// for the field mapping.
ImportReport import_catalog_cif(Connection& conn, std::istream& in, const std::string& name,
                                const ImportOptions& options = {});

/// Opens `path` and imports it as CIF when it starts with "CIF_I_V", else as CSV.
ImportReport import_catalog_file(Connection& conn, const std::filesystem::path& path,
                                 const ImportOptions& options = {});

}  // namespace punchout::catalog
