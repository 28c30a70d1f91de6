#pragma once

#include "cxml/extrinsic.hpp"

#include <optional>
#include <string>
#include <vector>

namespace punchout::cxml {

/// A cXML `Phone` (or `Fax`) holding a `TelephoneNumber`.
struct Phone {
    std::string name;               ///< `name` (work, personal, ...)
    std::string country_code;       ///< `CountryCode` text: the dialling code ("1", "49")
    std::string iso_country_code;   ///< `CountryCode@isoCountryCode` ("US", "DE")
    std::string area_or_city_code;  ///< `AreaOrCityCode`
    std::string number;             ///< `Number`
    std::string extension;          ///< `Extension`, empty when absent

    bool operator==(const Phone&) const = default;
};

/// A cXML `PostalAddress`.
struct PostalAddress {
    std::string name;                     ///< `name`
    std::vector<std::string> deliver_to;  ///< `DeliverTo` lines
    std::vector<std::string> street;      ///< `Street` lines (the DTD needs at least one)
    std::string city;                     ///< `City`
    std::string municipality;             ///< `Municipality`
    std::string state;                    ///< `State`
    std::string iso_state_code;           ///< `State@isoStateCode`
    std::string postal_code;              ///< `PostalCode`
    std::string country;                  ///< `Country` text (the name)
    std::string iso_country_code;         ///< `Country@isoCountryCode`
    Extrinsics extrinsics;                ///< `Extrinsic*`

    bool operator==(const PostalAddress&) const = default;
};

/// A cXML `Address` (inside ShipTo, BillTo, ...).
struct Address {
    std::string name;                             ///< `Name`
    std::string name_lang;                        ///< `Name@xml:lang`
    std::string iso_country_code;                 ///< `isoCountryCode`
    std::string address_id;                       ///< `addressID`
    std::string address_id_domain;                ///< `addressIDDomain`
    std::optional<PostalAddress> postal_address;  ///< `PostalAddress`
    std::string email;                            ///< `Email`
    std::optional<Phone> phone;                   ///< `Phone`
    std::optional<Phone> fax;                     ///< `Fax` (its TelephoneNumber form)
    std::string url;                              ///< `URL`

    bool operator==(const Address&) const = default;
};

}  // namespace punchout::cxml
