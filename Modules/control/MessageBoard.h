#pragma once
// Messages between the booths and the technician: text, slow-down and call-technician. A seat's
// slow-down reaches the technician without the seat's name (interpreters ask the speaker to slow
// down anonymously, DOMAIN.md). Who may send where and who sees what lives here, so that the
// dispatcher only forwards.
//
// Threads: the network thread only.

#include "control/TokenTable.h"
#include "core/Floorplan.h"
#include "core/Result.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <deque>
#include <string>

namespace dragoman::control
{

inline constexpr const char* kEveryone = "everyone"; // every seat, from the technician

struct Message
{
    std::uint64_t id = 0;
    std::string from; // "technician", "seat:en-1" or "anonymous"
    std::string to;   // "technician", "everyone" (from the technician), "seat:ID" or "booth:ID"
    std::string kind; // "text", "slow-down", "call-technician"
    std::string text;
    std::string at;
    std::string sender; // the real sender's role, never shown: decides who may read it back

    nlohmann::json toJson() const;
};

class MessageBoard
{
public:
    static constexpr std::size_t kCapacity = 1000;
    static constexpr std::size_t kMaxText = 1000;

    explicit MessageBoard(const Floorplan& floorplan) : plan(floorplan) {}

    // Refusals: Error with "forbidden: ..." when the role may not send there (-32002), else a
    // parameter error (-32602).
    Result<Message> send(const Identity& sender, const std::string& to, const std::string& kind,
                         const std::string& text, const std::string& at);

    bool visibleTo(const Message& message, const Identity& reader) const;
    nlohmann::json after(std::uint64_t id, const Identity& reader) const;

private:
    const Floorplan& plan;
    std::deque<Message> messages;
    std::uint64_t last = 0;
};

} // namespace dragoman::control
