#pragma once
// A small summit for routing tests: floor ru; channels ru, en, kk, zh (zh idles to silence);
// booths ru, en (B output ru), kk (B output ru, retour), zh (relays from en when the floor is ru).

#include "core/Command.h"
#include "core/Event.h"
#include "core/EventScript.h"
#include "core/Floorplan.h"
#include "core/SessionFile.h"
#include "engine/EventSink.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace dragoman::test
{

inline Session deskSession()
{
    auto session = parseSession(R"(
name: Desk test
floor: { language: ru }
channels:
  - { id: ru, language: ru }
  - { id: en, language: en }
  - { id: kk, language: kk }
  - { id: zh, language: zh, idle: silence }
booths:
  - id: ru
    outputs: { A: ru }
    understands: [en, kk, zh]
    seats: [ru-1, ru-2]
  - id: en
    outputs: { A: en, B: ru }
    understands: [ru]
    seats: [en-1, en-2, en-3]
  - id: kk
    outputs: { A: kk, B: ru }
    understands: [kk, ru]
    seats: [kk-1, kk-2]
  - id: zh
    outputs: { A: zh }
    understands: [zh, en]
    seats: [zh-1]
pivots: { kk: ru, ru: en }
)",
                                "desk.yaml");
    REQUIRE(session.ok());
    return session.value();
}

struct RecordingSink final : EventSink
{
    // Tests only: a vector may allocate, which the real sink (a lock-free queue) never does.
    void emit(const Event& event) noexcept DRAGOMAN_NONBLOCKING override
    {
        events.push_back(event);
    }

    bool saw(EventKind kind) const
    {
        for (const auto& e : events)
            if (e.kind == kind)
                return true;
        return false;
    }
    const Event* find(EventKind kind) const
    {
        for (const auto& e : events)
            if (e.kind == kind)
                return &e;
        return nullptr;
    }
    std::vector<Event> events;
};

inline Command command(const Floorplan& plan, const std::string& text)
{
    auto parsed = parseCommand(text, plan);
    INFO(text);
    REQUIRE(parsed.ok());
    return parsed.value();
}

} // namespace dragoman::test
