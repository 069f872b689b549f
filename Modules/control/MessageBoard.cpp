#include "control/MessageBoard.h"

namespace dragoman::control
{

nlohmann::json Message::toJson() const
{
    return {{"id", id}, {"from", from}, {"to", to}, {"kind", kind}, {"text", text}, {"at", at}};
}

Result<Message> MessageBoard::send(const Identity& sender, const std::string& to,
                                   const std::string& kind, const std::string& text,
                                   const std::string& at)
{
    const bool handover = kind == "handover-request" || kind == "handover-accept";
    if (kind != "text" && kind != "slow-down" && kind != "call-technician" && !handover)
        return Error{"kind: expected text, slow-down, call-technician, handover-request or "
                     "handover-accept, got '" +
                     kind + "'"};
    if (text.size() > kMaxText)
        return Error{"text: at most " + std::to_string(kMaxText) + " bytes"};
    if (kind == "text" && text.empty())
        return Error{"text: a text message needs some text"};

    if (to.starts_with("seat:"))
    {
        if (!plan.seatIndex(to.substr(5)))
            return Error{"to: unknown seat '" + to.substr(5) + "'"};
    }
    else if (to.starts_with("booth:"))
    {
        if (!plan.boothIndex(to.substr(6)))
            return Error{"to: unknown booth '" + to.substr(6) + "'"};
    }
    else if (to != "technician" && to != kEveryone)
        return Error{"to: expected technician, everyone, seat:ID or booth:ID, got '" + to + "'"};

    switch (sender.kind)
    {
    case RoleKind::viewer:
        return Error{"forbidden: a viewer sends no messages"};
    case RoleKind::seat:
    {
        if (to == kEveryone) // one booth does not address the whole meeting
            return Error{"forbidden: " + sender.role() + " may not send to everyone"};
        // A seat talks to the technician, its own booth and its partners, not across booths;
        // the handover is negotiated between two partners only.
        const auto booth = plan.seatBooth(sender.seat);
        const auto partner = to.starts_with("seat:") ? plan.seatIndex(to.substr(5)) : std::nullopt;
        const bool toPartner =
            partner && *partner != sender.seat && plan.seatBooth(*partner) == booth;
        if (handover && !toPartner)
            return Error{"forbidden: " + sender.role() +
                         " negotiates a handover with a seat of its own booth, not " + to};
        if (to != "technician" && to != "booth:" + plan.boothId(booth) && !toPartner)
            return Error{"forbidden: " + sender.role() +
                         " may send to technician, its own booth or a partner, not " + to};
        break;
    }
    case RoleKind::technician:
        break;
    }

    Message message;
    message.id = ++last;
    message.from =
        sender.kind == RoleKind::seat && kind == "slow-down" ? "anonymous" : sender.role();
    message.to = to;
    message.kind = kind;
    message.text = text;
    message.at = at;
    message.sender = sender.role();
    messages.push_back(message);
    while (messages.size() > kCapacity)
        messages.pop_front();
    return message;
}

bool MessageBoard::visibleTo(const Message& message, const Identity& reader) const
{
    switch (reader.kind)
    {
    case RoleKind::technician:
        return true;
    case RoleKind::viewer:
        return false;
    case RoleKind::seat:
        return message.to == reader.role() || message.to == kEveryone ||
               message.to == "booth:" + plan.boothId(plan.seatBooth(reader.seat)) ||
               message.sender == reader.role();
    }
    return false;
}

nlohmann::json MessageBoard::after(std::uint64_t id, const Identity& reader) const
{
    auto list = nlohmann::json::array();
    for (const auto& message : messages)
        if (message.id > id && visibleTo(message, reader))
            list.push_back(message.toJson());
    return list;
}

} // namespace dragoman::control
