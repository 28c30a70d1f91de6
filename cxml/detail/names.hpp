#pragma once

#include "cxml/confirmation_request.hpp"
#include "cxml/control_keys.hpp"
#include "cxml/detail/text.hpp"
#include "cxml/document.hpp"
#include "cxml/document_operation.hpp"
#include "cxml/invoice_detail_request.hpp"
#include "cxml/punch_out_order_message.hpp"
#include "cxml/punch_out_setup_request.hpp"

#include <array>
#include <optional>
#include <string_view>
#include <utility>

// The cXML words for each enumeration, in one place for the reader and the writer.
namespace punchout::cxml::detail {

template <class E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

inline constexpr NameTable<DocumentOperation, 3> document_operation_names{{
    {DocumentOperation::new_, "new"},
    {DocumentOperation::update, "update"},
    {DocumentOperation::delete_, "delete"},
}};

inline constexpr NameTable<ConfirmationInstruction, 3> confirmation_instruction_names{{
    {ConfirmationInstruction::allowed, "allowed"},
    {ConfirmationInstruction::not_allowed, "notAllowed"},
    {ConfirmationInstruction::required_before_ship_notice, "requiredBeforeASN"},
}};

inline constexpr NameTable<ShipNoticeInstruction, 2> ship_notice_instruction_names{{
    {ShipNoticeInstruction::allowed, "allowed"},
    {ShipNoticeInstruction::not_allowed, "notAllowed"},
}};

inline constexpr NameTable<PunchOutOperation, 4> punch_out_operation_names{{
    {PunchOutOperation::create, "create"},
    {PunchOutOperation::edit, "edit"},
    {PunchOutOperation::inspect, "inspect"},
    {PunchOutOperation::source, "source"},
}};

inline constexpr NameTable<QuoteStatus, 2> quote_status_names{{
    {QuoteStatus::pending, "pending"},
    {QuoteStatus::final, "final"},
}};

inline constexpr NameTable<DeploymentMode, 2> deployment_mode_names{{
    {DeploymentMode::production, "production"},
    {DeploymentMode::test, "test"},
}};

inline constexpr NameTable<ConfirmationType, 8> confirmation_type_names{{
    {ConfirmationType::accept, "accept"},
    {ConfirmationType::all_detail, "allDetail"},
    {ConfirmationType::detail, "detail"},
    {ConfirmationType::backordered, "backordered"},
    {ConfirmationType::except, "except"},
    {ConfirmationType::reject, "reject"},
    {ConfirmationType::request_to_pay, "requestToPay"},
    {ConfirmationType::replace, "replace"},
}};

inline constexpr NameTable<ConfirmationStatusType, 7> confirmation_status_type_names{{
    {ConfirmationStatusType::accept, "accept"},
    {ConfirmationStatusType::all_detail, "allDetail"},
    {ConfirmationStatusType::detail, "detail"},
    {ConfirmationStatusType::backordered, "backordered"},
    {ConfirmationStatusType::reject, "reject"},
    {ConfirmationStatusType::unknown, "unknown"},
    {ConfirmationStatusType::request_to_pay, "requestToPay"},
}};

inline constexpr NameTable<InvoicePurpose, 5> invoice_purpose_names{{
    {InvoicePurpose::standard, "standard"},
    {InvoicePurpose::credit_memo, "creditMemo"},
    {InvoicePurpose::debit_memo, "debitMemo"},
    {InvoicePurpose::line_level_credit_memo, "lineLevelCreditMemo"},
    {InvoicePurpose::line_level_debit_memo, "lineLevelDebitMemo"},
}};

// unspecified has no word: the attribute is left out.
inline constexpr NameTable<InvoiceOrigin, 2> invoice_origin_names{{
    {InvoiceOrigin::supplier, "supplier"},
    {InvoiceOrigin::buyer, "buyer"},
}};

template <class E, std::size_t N>
constexpr std::string_view name_of(const NameTable<E, N>& table, E value) noexcept {
    for (const auto& [e, name] : table) {
        if (e == value)
            return name;
    }
    return {};
}

/// The enumerator for `word`, compared case-insensitively (senders write "Create").
template <class E, std::size_t N>
std::optional<E> value_of(const NameTable<E, N>& table, std::string_view word) noexcept {
    for (const auto& [e, name] : table) {
        if (iequals(name, word))
            return e;
    }
    return std::nullopt;
}

/// "a, b or c" for error messages.
template <class E, std::size_t N>
std::string names_list(const NameTable<E, N>& table) {
    std::string s;
    for (std::size_t i = 0; i < N; ++i) {
        if (i > 0)
            s += (i + 1 == N) ? " or " : ", ";
        s += table[i].second;
    }
    return s;
}

}  // namespace punchout::cxml::detail
