#pragma once

// The SQL condition "product p is in buyer ?B's catalog view", shared by visible() and
// search so they cannot disagree. Expects the product aliased as p and the buyer key bound
// to the parameter named in `buyer_param` (e.g. "?9"). Subtrees use the path range
// [path || ' > ', path || ' ?') : '?' is the character after '>'.
#include <string>

namespace punchout::catalog::detail {

inline std::string visibility_condition(const std::string& buyer_param) {
    const std::string b = buyer_param;
    return "((NOT EXISTS (SELECT 1 FROM buyer_view_category WHERE buyer_id = " + b +
           ") AND NOT EXISTS (SELECT 1 FROM buyer_view_sku WHERE buyer_id = " + b +
           ")) OR EXISTS (SELECT 1 FROM buyer_view_sku v WHERE v.buyer_id = " + b +
           " AND v.sku = p.sku) OR EXISTS (SELECT 1 FROM buyer_view_category v"
           " JOIN category vc ON vc.path = v.path OR (vc.path >= v.path || ' > ' AND"
           " vc.path < v.path || ' ?') WHERE v.buyer_id = " +
           b + " AND vc.id = p.category_id))";
}

}  // namespace punchout::catalog::detail
