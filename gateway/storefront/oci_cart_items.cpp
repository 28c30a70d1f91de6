#include "gateway/storefront/oci_cart_items.hpp"

namespace punchout::gateway::storefront {

cxml::OciItem oci_item_for(const MessageLine& line, const catalog::Buyer& buyer,
                           std::uint32_t line_number) {
    const auto item = item_in_for(line, buyer, line_number);
    auto oci = cxml::oci_item_from(item);
    oci.matnr = line.line.buyer_part_id;
    if (line.product) {
        oci.manufactcode = line.product->manufacturer;
        if (!line.product->long_description.empty()) {
            if (!oci.longtext.empty())
                oci.longtext += "\n\n";
            oci.longtext += line.product->long_description;
        }
    }
    return oci;
}

std::vector<cxml::OciItem> oci_items_for(const std::vector<MessageLine>& lines,
                                         const catalog::Buyer& buyer) {
    std::vector<cxml::OciItem> items;
    items.reserve(lines.size());
    std::uint32_t n = 0;
    for (const auto& l : lines)
        items.push_back(oci_item_for(l, buyer, ++n));
    return items;
}

}  // namespace punchout::gateway::storefront
