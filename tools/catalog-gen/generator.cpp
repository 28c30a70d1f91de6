#include "tools/catalog-gen/generator.hpp"

#include "catalog/buyer.hpp"
#include "catalog/catalog_import.hpp"
#include "catalog/inventory.hpp"
#include "catalog/price_import.hpp"
#include "catalog/write_transaction.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <unordered_set>

namespace punchout::tools {
namespace {

// splitmix64: a small, fast generator whose output is the same on every platform (the
// standard distributions are not), so a seed always gives the same files.
struct Rng {
    std::uint64_t state;
    explicit Rng(std::uint64_t seed) : state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    bool chance(unsigned percent) { return below(100) < percent; }
    template <class T, std::size_t N>
    const T& pick(const std::array<T, N>& a) {
        return a[below(N)];
    }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[below(v.size())];
    }
};

struct Attr {
    const char* name;
    std::vector<const char*> values;
};

struct Family {
    std::vector<Attr> attrs;
    std::vector<const char*> uoms;
    std::int64_t min_cents, max_cents;  // list price range
    const char* use;                    // for the long description
};

// Attribute families: what a spec table holds for each kind of product.
const std::vector<Family>& families() {
    static const std::vector<Family> f = {
        {{{"Size", {"M3", "M4", "M5", "M6", "M8", "M10", "M12", "M16", "M20", "M24"}},
          {"Length",
           {"10 mm", "16 mm", "20 mm", "25 mm", "30 mm", "40 mm", "50 mm", "60 mm", "80 mm",
            "100 mm", "120 mm", "160 mm", "200 mm"}},
          {"Material",
           {"Steel 8.8", "Steel 10.9", "Stainless A2", "Stainless A4", "Zinc-plated steel",
            "Hot-dip galvanised", "Brass"}},
          {"Standard", {"DIN 933", "DIN 931", "ISO 4017", "ISO 4014", "DIN 912", "ISO 7380"}},
          {"Pack size", {"50", "100", "200", "500", "1000"}}},
         {"PK", "BX", "C62"},
         150,
         9900,
         "assembly of steel structures and machinery"},
        {{{"Voltage", {"10.8 V", "12 V", "18 V", "36 V", "230 V"}},
          {"Power", {"450 W", "600 W", "750 W", "900 W", "1200 W", "1500 W", "2000 W"}},
          {"Battery", {"2.0 Ah", "4.0 Ah", "5.0 Ah", "8.0 Ah", "without battery"}},
          {"Weight", {"1.1 kg", "1.4 kg", "1.8 kg", "2.3 kg", "3.0 kg", "4.2 kg"}}},
         {"EA", "SET"},
         3900,
         89900,
         "professional use on building sites and in workshops"},
        {{{"Size", {"8 mm", "10 mm", "13 mm", "17 mm", "19 mm", "22 mm", "24 mm", "32 mm"}},
          {"Material", {"Chrome vanadium", "Carbon steel", "S2 steel", "Hardened steel"}},
          {"Length", {"150 mm", "180 mm", "200 mm", "250 mm", "300 mm", "5 m", "8 m"}},
          {"Finish", {"Chrome-plated", "Phosphated", "Black oxide"}}},
         {"EA", "SET"},
         290,
         24900,
         "maintenance and installation work"},
        {{{"Size", {"XS", "S", "M", "L", "XL", "XXL", "One size"}},
          {"Colour", {"White", "Yellow", "Orange", "Blue", "Black", "Red", "Green"}},
          {"Standard",
           {"EN 388", "EN 374", "EN 397", "EN 166", "EN 352", "EN ISO 20471", "EN ISO 20345"}},
          {"Material",
           {"Nitrile", "Latex", "Leather", "ABS", "Polycarbonate", "Polyester", "Cotton"}}},
         {"EA", "PR", "BX"},
         90,
         14900,
         "protection of workers in industry and logistics"},
        {{{"Voltage", {"12 V", "24 V", "230 V", "400 V"}},
          {"Current", {"6 A", "10 A", "16 A", "20 A", "25 A", "32 A", "63 A"}},
          {"Length", {"1 m", "3 m", "5 m", "10 m", "25 m", "50 m", "100 m"}},
          {"IP rating", {"IP20", "IP44", "IP54", "IP65", "IP67"}}},
         {"EA", "MTR", "RO"},
         120,
         39900,
         "electrical installations in buildings"},
        {{{"Diameter",
           {"12 mm", "15 mm", "18 mm", "22 mm", "28 mm", "35 mm", "1/2 in", "3/4 in", "1 in"}},
          {"Material", {"Copper", "Brass", "PEX", "Stainless steel", "PVC", "Cast iron"}},
          {"Pressure", {"6 bar", "10 bar", "16 bar", "25 bar", "40 bar"}}},
         {"EA", "MTR"},
         80,
         29900,
         "water and heating installations"},
        {{{"Colour", {"White", "Black", "Blue", "Red", "Green", "Assorted"}},
          {"Format", {"A3", "A4", "A5", "Letter"}},
          {"Pack size", {"1", "5", "10", "12", "50", "500"}}},
         {"EA", "PK", "BX"},
         40,
         4900,
         "offices and meeting rooms"},
        {{{"Volume", {"500 ml", "750 ml", "1 l", "5 l", "10 l", "20 l"}},
          {"Scent", {"Unscented", "Lemon", "Pine", "Fresh"}},
          {"Pack size", {"1", "6", "12", "24"}}},
         {"EA", "LTR", "PK"},
         150,
         8900,
         "cleaning of production and office spaces"},
        {{{"Volume",
           {"10 ul", "200 ul", "1000 ul", "10 ml", "50 ml", "250 ml", "500 ml", "1000 ml"}},
          {"Material", {"Polypropylene", "Polystyrene", "Borosilicate glass", "PTFE"}},
          {"Sterile", {"Yes", "No"}},
          {"Pack size", {"10", "50", "100", "500", "1000"}}},
         {"PK", "BX", "EA"},
         300,
         19900,
         "laboratories in research and quality control"},
        {{{"Width", {"19 mm", "25 mm", "38 mm", "48 mm", "50 mm", "75 mm"}},
          {"Length", {"33 m", "50 m", "66 m", "100 m", "300 m"}},
          {"Colour", {"Brown", "Transparent", "White", "Yellow"}},
          {"Pack size", {"1", "6", "36", "72"}}},
         {"RO", "PK", "EA"},
         90,
         5900,
         "shipping and warehouse packing"},
    };
    return f;
}

struct Leaf {
    const char* path;  // "Top > Mid > Leaf"
    const char* noun;
    int family;
    const char* unspsc;
    const char* prefix;  // SKU prefix
};

const std::vector<Leaf>& leaves() {
    static const std::vector<Leaf> l = {
        {"Fasteners > Bolts > Hex bolts", "Hex bolt", 0, "31161503", "FAS"},
        {"Fasteners > Bolts > Carriage bolts", "Carriage bolt", 0, "31161504", "FAS"},
        {"Fasteners > Bolts > Eye bolts", "Eye bolt", 0, "31161505", "FAS"},
        {"Fasteners > Screws > Wood screws", "Wood screw", 0, "31161509", "FAS"},
        {"Fasteners > Screws > Machine screws", "Machine screw", 0, "31161510", "FAS"},
        {"Fasteners > Screws > Self-tapping screws", "Self-tapping screw", 0, "31161511", "FAS"},
        {"Fasteners > Nuts and washers > Hex nuts", "Hex nut", 0, "31161701", "FAS"},
        {"Fasteners > Nuts and washers > Lock nuts", "Lock nut", 0, "31161702", "FAS"},
        {"Fasteners > Nuts and washers > Flat washers", "Flat washer", 0, "31161801", "FAS"},
        {"Fasteners > Anchors > Wall plugs", "Wall plug", 0, "31162001", "FAS"},
        {"Fasteners > Anchors > Wedge anchors", "Wedge anchor", 0, "31162002", "FAS"},
        {"Power tools > Drills > Cordless drills", "Cordless drill", 1, "27112703", "PWT"},
        {"Power tools > Drills > Hammer drills", "Hammer drill", 1, "27112704", "PWT"},
        {"Power tools > Grinders > Angle grinders", "Angle grinder", 1, "27112706", "PWT"},
        {"Power tools > Grinders > Bench grinders", "Bench grinder", 1, "27112707", "PWT"},
        {"Power tools > Saws > Circular saws", "Circular saw", 1, "27112708", "PWT"},
        {"Power tools > Saws > Jigsaws", "Jigsaw", 1, "27112709", "PWT"},
        {"Power tools > Saws > Reciprocating saws", "Reciprocating saw", 1, "27112710", "PWT"},
        {"Power tools > Sanders > Orbital sanders", "Orbital sander", 1, "27112711", "PWT"},
        {"Power tools > Sanders > Belt sanders", "Belt sander", 1, "27112712", "PWT"},
        {"Hand tools > Wrenches > Combination wrenches", "Combination wrench", 2, "27111701",
         "HTL"},
        {"Hand tools > Wrenches > Adjustable wrenches", "Adjustable wrench", 2, "27111702", "HTL"},
        {"Hand tools > Wrenches > Torque wrenches", "Torque wrench", 2, "27111703", "HTL"},
        {"Hand tools > Pliers > Combination pliers", "Combination pliers", 2, "27112101", "HTL"},
        {"Hand tools > Pliers > Side cutters", "Side cutter", 2, "27112102", "HTL"},
        {"Hand tools > Screwdrivers > Slotted screwdrivers", "Slotted screwdriver", 2, "27111601",
         "HTL"},
        {"Hand tools > Screwdrivers > Torx screwdrivers", "Torx screwdriver", 2, "27111602", "HTL"},
        {"Hand tools > Measuring > Tape measures", "Tape measure", 2, "27111801", "HTL"},
        {"Hand tools > Measuring > Spirit levels", "Spirit level", 2, "27111802", "HTL"},
        {"Hand tools > Measuring > Calipers", "Caliper", 2, "27111803", "HTL"},
        {"Safety > Gloves > Nitrile gloves", "Nitrile glove", 3, "46181504", "SAF"},
        {"Safety > Gloves > Leather work gloves", "Leather work glove", 3, "46181503", "SAF"},
        {"Safety > Gloves > Cut-resistant gloves", "Cut-resistant glove", 3, "46181505", "SAF"},
        {"Safety > Head protection > Safety helmets", "Safety helmet", 3, "46181701", "SAF"},
        {"Safety > Head protection > Bump caps", "Bump cap", 3, "46181702", "SAF"},
        {"Safety > Eye protection > Safety glasses", "Safety glasses", 3, "46181802", "SAF"},
        {"Safety > Eye protection > Goggles", "Safety goggles", 3, "46181803", "SAF"},
        {"Safety > Hearing protection > Ear defenders", "Ear defender", 3, "46181902", "SAF"},
        {"Safety > Hearing protection > Ear plugs", "Ear plugs", 3, "46181901", "SAF"},
        {"Safety > Workwear > Hi-vis vests", "Hi-vis vest", 3, "46181527", "SAF"},
        {"Safety > Workwear > Coveralls", "Coverall", 3, "46181501", "SAF"},
        {"Electrical > Cables > Installation cable", "Installation cable", 4, "26121601", "ELE"},
        {"Electrical > Cables > Extension cords", "Extension cord", 4, "26121602", "ELE"},
        {"Electrical > Lighting > LED panels", "LED panel", 4, "39111501", "ELE"},
        {"Electrical > Lighting > LED tubes", "LED tube", 4, "39101601", "ELE"},
        {"Electrical > Lighting > Work lights", "Work light", 4, "39111701", "ELE"},
        {"Electrical > Connectors > Terminal blocks", "Terminal block", 4, "39121404", "ELE"},
        {"Electrical > Connectors > Cable glands", "Cable gland", 4, "39131705", "ELE"},
        {"Electrical > Protection > Circuit breakers", "Circuit breaker", 4, "39121601", "ELE"},
        {"Electrical > Protection > Residual current devices", "Residual current device", 4,
         "39121602", "ELE"},
        {"Plumbing > Pipes > Copper pipes", "Copper pipe", 5, "40142001", "PLB"},
        {"Plumbing > Pipes > PEX pipes", "PEX pipe", 5, "40142002", "PLB"},
        {"Plumbing > Fittings > Elbows", "Pipe elbow", 5, "40171501", "PLB"},
        {"Plumbing > Fittings > Tees", "Pipe tee", 5, "40171502", "PLB"},
        {"Plumbing > Fittings > Couplings", "Pipe coupling", 5, "40171503", "PLB"},
        {"Plumbing > Valves > Ball valves", "Ball valve", 5, "40141602", "PLB"},
        {"Plumbing > Valves > Check valves", "Check valve", 5, "40141603", "PLB"},
        {"Office > Paper > Copy paper", "Copy paper", 6, "14111507", "OFF"},
        {"Office > Paper > Notebooks", "Notebook", 6, "14111514", "OFF"},
        {"Office > Writing > Ballpoint pens", "Ballpoint pen", 6, "44121701", "OFF"},
        {"Office > Writing > Markers", "Marker", 6, "44121708", "OFF"},
        {"Office > Filing > Ring binders", "Ring binder", 6, "44122003", "OFF"},
        {"Office > Filing > Folders", "Folder", 6, "44122011", "OFF"},
        {"Cleaning > Chemicals > Degreasers", "Degreaser", 7, "47131801", "CLN"},
        {"Cleaning > Chemicals > Disinfectants", "Disinfectant", 7, "47131803", "CLN"},
        {"Cleaning > Paper products > Paper towels", "Paper towel", 7, "14111703", "CLN"},
        {"Cleaning > Paper products > Toilet paper", "Toilet paper", 7, "14111704", "CLN"},
        {"Cleaning > Equipment > Mops", "Mop", 7, "47131604", "CLN"},
        {"Cleaning > Equipment > Brooms", "Broom", 7, "47131605", "CLN"},
        {"Laboratory > Consumables > Pipette tips", "Pipette tip", 8, "41121503", "LAB"},
        {"Laboratory > Consumables > Test tubes", "Test tube", 8, "41121701", "LAB"},
        {"Laboratory > Consumables > Petri dishes", "Petri dish", 8, "41121505", "LAB"},
        {"Laboratory > Glassware > Beakers", "Beaker", 8, "41121803", "LAB"},
        {"Laboratory > Glassware > Flasks", "Erlenmeyer flask", 8, "41121804", "LAB"},
        {"Packaging > Tape > Packing tape", "Packing tape", 9, "31201503", "PKG"},
        {"Packaging > Tape > Masking tape", "Masking tape", 9, "31201512", "PKG"},
        {"Packaging > Boxes > Cardboard boxes", "Cardboard box", 9, "24112402", "PKG"},
        {"Packaging > Protective packaging > Bubble wrap", "Bubble wrap", 9, "24141501", "PKG"},
        {"Packaging > Protective packaging > Stretch film", "Stretch film", 9, "24141502", "PKG"},
    };
    return l;
}

// Made-up brands from two syllable lists.
const std::vector<std::string>& brands() {
    static const std::vector<std::string> b = [] {
        const char* first[] = {"Nord", "Kestr", "Turv", "Bolt",  "Axel", "Vaas", "Hald", "Ferr",
                               "Lumi", "Kivi",  "Sten", "Rauta", "Tund", "Aro",  "Borea"};
        const char* second[] = {"ex",  "a",    "ia",   "tec", "tools",
                                "pro", "line", "mark", "or",  "werk"};
        std::vector<std::string> out;
        for (const char* f : first) {
            for (const char* s : second)
                out.push_back(std::string(f) + s);
        }
        return out;
    }();
    return b;
}

// Everything about product `index`, derived from the seed and the index alone.
struct Product {
    std::string sku, description, short_name, long_description, uom, currency = "EUR";
    std::string manufacturer, part, category, unspsc, image, datasheet;
    std::int64_t cents = 0;
    int lead_time = 0;
    std::vector<std::pair<const char*, const char*>> attributes;
    const Leaf* leaf = nullptr;
};

Product make_product(std::uint64_t seed, std::size_t index) {
    Rng rng(seed ^ (0xA5A5A5A5ULL + index * 0x100000001B3ULL));
    Product p;
    const Leaf& leaf = leaves()[rng.below(leaves().size())];
    const Family& fam = families()[static_cast<std::size_t>(leaf.family)];
    p.leaf = &leaf;
    char sku[32];
    // The prefix follows the top category, so SKU prefixes mean something to a user.
    std::snprintf(sku, sizeof sku, "%s-%07zu", leaf.prefix, index + 1);
    p.sku = sku;
    p.category = leaf.path;
    p.unspsc = leaf.unspsc;
    p.uom = rng.pick(fam.uoms);
    p.manufacturer = rng.pick(brands());
    char part[32];
    std::snprintf(part, sizeof part, "%.3s-%05zu-%02zu", p.manufacturer.c_str(), rng.below(100000),
                  rng.below(100));
    p.part = part;
    for (char& c : p.part)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string spec;
    for (const auto& a : fam.attrs) {
        if (rng.chance(8))
            continue;  // not every product states every attribute
        const char* v = rng.pick(a.values);
        p.attributes.emplace_back(a.name, v);
        // The title names the first few values that read well on their own ("M8", "Steel").
        const std::string_view text(v);
        if (p.attributes.size() <= 3 && text != "Yes" && text != "No") {
            spec += std::string(spec.empty() ? " " : ", ") + v;
        }
    }
    p.description = std::string(leaf.noun) + spec;
    p.short_name = p.manufacturer + " " + leaf.noun;
    p.long_description = std::string(leaf.noun) + " by " + p.manufacturer + " for " + fam.use +
                         ". Supplied with a declaration of conformity; part number " + p.part + ".";
    p.cents = fam.min_cents + static_cast<std::int64_t>(rng.below(
                                  static_cast<std::size_t>(fam.max_cents - fam.min_cents)));
    p.lead_time = static_cast<int>(rng.below(21));
    p.image = "https://cdn.example.com/img/" + p.sku + ".jpg";
    if (rng.chance(40))
        p.datasheet = "https://cdn.example.com/ds/" + p.sku + ".pdf";
    return p;
}

// Writes a CSV field, quoting when RFC 4180 requires it.
void field(std::string& out, std::string_view v) {
    if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += v;
        return;
    }
    out += '"';
    for (const char c : v) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

std::string money(std::int64_t cents) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(cents / 100),
                  static_cast<long long>(cents % 100));
    return buf;
}

const char* warehouse_name(std::size_t i) {
    static const char* names[] = {"Vaasa", "Tampere", "Oulu", "Turku", "Kuopio", "Espoo"};
    return names[i % 6];
}

std::string date(std::int64_t unix_seconds) {
    return catalog::format_timestamp(catalog::from_unix(unix_seconds)).substr(0, 10);
}

}  // namespace

std::string buyer_id(std::size_t index) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "buyer%04zu", index + 1);
    return buf;
}

std::string sku_for(std::uint64_t seed, std::size_t index) {
    return make_product(seed, index).sku;
}

GeneratedFiles generate(const GeneratorOptions& o, const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir / "prices");
    GeneratedFiles files;
    files.catalog = dir / "catalog.csv";
    files.inventory = dir / "inventory.csv";
    files.buyers = dir / "buyers.csv";

    // Attribute columns: every attribute name of every family, in a stable order.
    std::vector<std::string> attr_names;
    for (const auto& fam : families()) {
        for (const auto& a : fam.attrs) {
            if (std::find(attr_names.begin(), attr_names.end(), a.name) == attr_names.end()) {
                attr_names.push_back(a.name);
            }
        }
    }
    std::vector<std::int64_t> list_cents(o.skus);
    std::vector<std::string> skus(o.skus);
    {
        std::ofstream out(files.catalog, std::ios::binary);
        std::string line =
            "sku,description,short_name,long_description,uom,price,currency,unspsc,"
            "manufacturer,manufacturer_part,lead_time_days,category,image_url,datasheet_url";
        for (const auto& n : attr_names)
            line += ",attr:" + n;
        out << line << '\n';
        for (std::size_t i = 0; i < o.skus; ++i) {
            const Product p = make_product(o.seed, i);
            list_cents[i] = p.cents;
            skus[i] = p.sku;
            line.clear();
            for (const std::string* v :
                 {&p.sku, &p.description, &p.short_name, &p.long_description, &p.uom}) {
                field(line, *v);
                line += ',';
            }
            line += money(p.cents) + ",EUR," + p.unspsc + ",";
            field(line, p.manufacturer);
            line += ',' + p.part + ',' + std::to_string(p.lead_time) + ',';
            field(line, p.category);
            line += ',' + p.image + ',' + p.datasheet;
            for (const auto& n : attr_names) {
                line += ',';
                for (const auto& [name, value] : p.attributes) {
                    if (n == name)
                        field(line, value);
                }
            }
            line += '\n';
            out << line;
        }
        if (!out)
            throw std::runtime_error("cannot write " + files.catalog.string());
    }
    {
        std::ofstream out(files.buyers, std::ios::binary);
        out << "id,name,credential,currency\n";
        for (std::size_t b = 0; b < o.buyers; ++b) {
            out << buyer_id(b) << ",Buyer " << (b + 1) << " Oy,NetworkID:AN" << (10000000000 + b)
                << ",EUR\n";
        }
    }
    // Contract prices: about half the buyers have a price list; lists vary in length. Each
    // contracted SKU gets a base entry, and some get tiers at 10 and 100 and validity windows.
    if (o.buyers > 0 && o.skus > 0) {
        Rng rng(o.seed * 31 + 7);
        const std::size_t with_contracts = std::max<std::size_t>(1, o.buyers / 2);
        const std::size_t per_buyer = o.contract_prices / with_contracts;
        const std::int64_t base_time = 1735689600;  // 2025-01-01
        for (std::size_t b = 0; b < with_contracts && per_buyer > 0; ++b) {
            const auto path = dir / "prices" / (buyer_id(b) + ".csv");
            std::ofstream out(path, std::ios::binary);
            out << "sku,price,currency,min_qty,valid_from,valid_to\n";
            std::size_t written = 0;
            std::unordered_set<std::size_t> used;
            while (written < per_buyer && used.size() < o.skus) {
                const std::size_t i = rng.below(o.skus);
                if (!used.insert(i).second)
                    continue;  // one set of entries per SKU
                const std::int64_t list = list_cents[i];
                const std::int64_t base =
                    list * (80 + static_cast<std::int64_t>(rng.below(15))) / 100;
                std::string from, to;
                if (rng.chance(15)) {
                    from = date(base_time + static_cast<std::int64_t>(rng.below(400)) * 86400);
                    to =
                        date(base_time + (400 + static_cast<std::int64_t>(rng.below(400))) * 86400);
                }
                // One line per tier; a SKU may be drawn twice, so key on (sku, tier, from).
                out << skus[i] << ',' << money(std::max<std::int64_t>(base, 1)) << ",EUR,1," << from
                    << ',' << to << '\n';
                ++written;
                if (written < per_buyer && rng.chance(35)) {
                    out << skus[i] << ',' << money(std::max<std::int64_t>(base * 92 / 100, 1))
                        << ",EUR,10," << from << ',' << to << '\n';
                    ++written;
                    if (written < per_buyer && rng.chance(50)) {
                        out << skus[i] << ',' << money(std::max<std::int64_t>(base * 85 / 100, 1))
                            << ",EUR,100," << from << ',' << to << '\n';
                        ++written;
                    }
                }
            }
            files.prices.emplace_back(buyer_id(b), path);
            files.contract_entries += written;
        }
    }
    {
        Rng rng(o.seed * 17 + 3);
        std::ofstream out(files.inventory, std::ios::binary);
        out << "sku,warehouse,quantity,updated_at\n";
        const std::int64_t now = 1740787200;  // 2025-03-01
        std::string line;
        for (std::size_t i = 0; i < o.skus; ++i) {
            for (std::size_t w = 0; w < o.warehouses; ++w) {
                const std::size_t qty = rng.chance(20) ? 0 : rng.below(500);
                line = skus[i] + ',' + warehouse_name(w) + ',' + std::to_string(qty) + ',' +
                       catalog::format_timestamp(
                           catalog::from_unix(now - static_cast<std::int64_t>(rng.below(172800)))) +
                       '\n';
                out << line;
            }
        }
    }
    return files;
}

namespace {

void fail_on(const catalog::ImportReport& r) {
    if (!r.applied) {
        throw std::runtime_error(r.issues.empty() ? r.file + ": not applied"
                                                  : r.issues.front().to_string());
    }
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

catalog::ImportReport load_catalog(const GeneratedFiles& files, catalog::Connection& conn,
                                   const catalog::ImportOptions& options) {
    auto r = catalog::import_catalog_file(conn, files.catalog, options);
    fail_on(r);
    return r;
}

std::size_t load_buyers(const GeneratedFiles& files, catalog::Connection& conn) {
    using namespace catalog;
    std::ifstream in(files.buyers);
    std::string line;
    std::getline(in, line);  // header
    auto tx = WriteTransaction::begin(conn);
    if (!tx)
        throw std::runtime_error(tx.error().message);
    std::size_t count = 0;
    while (std::getline(in, line)) {
        // id,name,DOMAIN:IDENTITY,currency: generated, so there is no quoting to handle.
        const auto c1 = line.find(','), c2 = line.find(',', c1 + 1), c3 = line.rfind(',');
        const std::string credential = line.substr(c2 + 1, c3 - c2 - 1);
        const auto colon = credential.find(':');
        Buyer b;
        b.id = line.substr(0, c1);
        b.name = line.substr(c1 + 1, c2 - c1 - 1);
        b.credentials = {{credential.substr(0, colon), credential.substr(colon + 1)}};
        b.default_currency = line.substr(c3 + 1);
        auto r = add_buyer(conn, b);
        if (!r)
            throw std::runtime_error("buyer " + b.id + ": " + r.error().message);
        ++count;
    }
    if (auto r = tx->commit(); !r)
        throw std::runtime_error(r.error().message);
    return count;
}

std::size_t load_prices(const GeneratedFiles& files, catalog::Connection& conn) {
    std::size_t entries = 0;
    for (const auto& [id, path] : files.prices) {
        auto buyer = catalog::find_buyer(conn, id);
        if (!buyer)
            throw std::runtime_error(buyer.error().message);
        auto r =
            catalog::import_prices_file(conn, buyer->key, path, catalog::PriceImportMode::replace);
        fail_on(r);
        entries += r.inserted;
    }
    return entries;
}

catalog::ImportReport load_inventory(const GeneratedFiles& files, catalog::Connection& conn,
                                     const catalog::ImportOptions& options) {
    auto r = catalog::import_inventory_file(conn, files.inventory, options);
    fail_on(r);
    return r;
}

LoadReport load(const GeneratedFiles& files, catalog::Database& db,
                const catalog::ImportOptions& options) {
    LoadReport report;
    auto conn = db.connect();
    report.catalog = load_catalog(files, conn, options);
    auto start = std::chrono::steady_clock::now();
    report.buyers = load_buyers(files, conn);
    report.buyers_seconds = seconds_since(start);
    start = std::chrono::steady_clock::now();
    report.price_entries = load_prices(files, conn);
    report.price_files = files.prices.size();
    report.prices_seconds = seconds_since(start);
    report.inventory = load_inventory(files, conn, options);
    return report;
}

std::vector<SampleQuery> sample_queries(const GeneratorOptions& o, std::size_t count) {
    Rng rng(o.seed * 101 + 11);
    std::vector<SampleQuery> out;
    out.reserve(count);
    auto lower = [](std::string s) {
        for (char& c : s)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    while (out.size() < count) {
        const Product p = make_product(o.seed, rng.below(std::max<std::size_t>(o.skus, 1)));
        const unsigned kind = static_cast<unsigned>(rng.below(100));
        if (kind < 30) {
            out.push_back({"noun", lower(p.leaf->noun)});
        } else if (kind < 55 && !p.attributes.empty()) {
            out.push_back({"noun+spec", lower(p.leaf->noun) + " " + p.attributes.front().second});
        } else if (kind < 70) {
            out.push_back({"brand+noun", p.manufacturer + " " + lower(p.leaf->noun)});
        } else if (kind < 82) {
            out.push_back({"sku-prefix", p.sku.substr(0, p.sku.size() - 2)});
        } else if (kind < 92) {
            out.push_back({"part", p.part});
        } else if (!p.attributes.empty()) {
            out.push_back({"broad", p.attributes.back().second});
        }
    }
    return out;
}

}  // namespace punchout::tools
