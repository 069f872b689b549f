#pragma once
// A small booth world for the tests: floor ru; channels en (booth en's A), ru (en's B), kk and zh;
// seats en-1, en-2 (the booth under test, console = en-2), kk-1, zh-1. state() is the control
// API's `state` object; tests change it and apply it again, as the engine would push it.

#include "model/BoothActions.h"
#include "model/BoothModel.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace dragoman::booth::test
{

inline nlohmann::json seatJson(const std::string& id, const std::string& booth,
                               const std::string& channel, bool live = false)
{
    return {{"id", id},           {"booth", booth},           {"live", live},
            {"on_air", live},     {"cough", false},           {"suspended", false},
            {"output", "A"},      {"channel", channel},       {"listen", "auto"},
            {"source", "floor"},  {"volume_db", 0},           {"bass_db", 0},
            {"treble_db", 0},     {"sidetone_db", nullptr},   {"limiter_db", 0.0},
            {"leq_db_spl", 70.0}, {"exposure_warning", false}};
}

inline nlohmann::json channelJson(const std::string& id, const std::string& language,
                                  const std::string& name, int depth,
                                  const std::string& holder = {}, int listeners = -1)
{
    nlohmann::json c = {{"id", id},
                        {"language", language},
                        {"name", name},
                        {"holder", holder.empty() ? nlohmann::json() : nlohmann::json(holder)},
                        {"holders", holder.empty() ? 0 : 1},
                        {"depth", depth},
                        {"carries", holder.empty() ? "floor" : "seat"}};
    if (listeners >= 0)
        c["stream"] = {{"packets", 100}, {"listeners", listeners}, {"loss_percent", 0.0}};
    return c;
}

inline nlohmann::json state()
{
    return {
        {"revision", 1},
        {"session", {{"name", "Booth test"}}},
        {"floor", {{"language", "ru"}}},
        {"channels",
         {channelJson("floor", "ru", "Floor", 0), channelJson("en", "en", "English", 0, {}, 3),
          channelJson("ru", "ru", "Russian", 0), channelJson("kk", "kk", "Kazakh", 0),
          channelJson("zh", "zh", "Chinese", -1)}},
        {"booths",
         {{{"id", "en"},
           {"interlock", "interlock"},
           {"outputs", {{"A", "en"}, {"B", "ru"}}},
           {"seats", nlohmann::json::array({"en-1", "en-2"})}},
          {{"id", "kk"},
           {"outputs", {{"A", "kk"}, {"B", "ru"}}},
           {"seats", nlohmann::json::array({"kk-1"})}},
          {{"id", "zh"}, {"outputs", {{"A", "zh"}}}, {"seats", nlohmann::json::array({"zh-1"})}}}},
        {"seats",
         {seatJson("en-1", "en", "en"), seatJson("en-2", "en", "en"), seatJson("kk-1", "kk", "kk"),
          seatJson("zh-1", "zh", "zh")}},
        {"floor_quality", {{"level_db", -24.0}, {"clipping", false}, {"bandwidth_hz", 14800}}}};
}

inline nlohmann::json& seatIn(nlohmann::json& s, const std::string& id)
{
    for (auto& seat : s["seats"])
        if (seat["id"] == id)
            return seat;
    FAIL("no seat " << id);
    return s;
}

inline nlohmann::json& channelIn(nlohmann::json& s, const std::string& id)
{
    for (auto& channel : s["channels"])
        if (channel["id"] == id)
            return channel;
    FAIL("no channel " << id);
    return s;
}

// Makes `seat` live on `channel` in the state, as the engine would report it.
inline void setLive(nlohmann::json& s, const std::string& seat, const std::string& channel,
                    bool live = true)
{
    seatIn(s, seat)["live"] = live;
    seatIn(s, seat)["on_air"] = live;
    auto& c = channelIn(s, channel);
    c["holder"] = live ? nlohmann::json(seat) : nlohmann::json();
    c["holders"] = live ? 1 : 0;
    c["carries"] = live ? "seat" : "floor";
    if (live)
        c["depth"] = 1;
}

struct Call
{
    std::string method;
    nlohmann::json params;
};

// Records every call; replies succeed unless `refuseWith` is set.
struct RecordingSink final : RpcSink
{
    void call(const std::string& method, const nlohmann::json& params, Reply reply) override
    {
        calls.push_back({method, params});
        if (reply)
            reply(refuseWith.empty(), nlohmann::json::object(), refuseWith);
    }
    const Call& last() const
    {
        REQUIRE_FALSE(calls.empty());
        return calls.back();
    }
    std::vector<Call> calls;
    std::string refuseWith;
};

struct Booth
{
    double clock = 100.0;
    BoothModel model{[this]
                     {
                         return clock;
                     }};
    RecordingSink sink;
    BoothActions actions{model, sink};
    nlohmann::json engine = state();

    explicit Booth(const std::string& seat = "en-2")
    {
        model.setSeat(seat);
        model.setConnection(true, "");
        push();
    }
    std::uint32_t push() { return model.applyState(engine); }
};

} // namespace dragoman::booth::test
