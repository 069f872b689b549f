#pragma once
// The interpreter's intents (a key, a shortcut, a MIDI button) as control API calls, in one place
// so that every way of pressing a key sends the same method and parameters
// (docs/CONTROL_API.md). Only ever this console's own seat. Nothing here runs by itself: a
// reconnect sends no command, because the seat's state is the engine's.
// Message thread only. The sink decides where calls go: the ControlClient in the program, a
// recorder in the tests.

#include "model/BoothModel.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace dragoman::booth
{

class RpcSink
{
public:
    // Runs on the message thread.
    using Reply =
        std::function<void(bool ok, const nlohmann::json& result, const std::string& error)>;
    virtual ~RpcSink() = default;
    virtual void call(const std::string& method, const nlohmann::json& params,
                      Reply reply = {}) = 0;
};

class BoothActions
{
public:
    BoothActions(BoothModel& shownModel, RpcSink& callSink) : model(shownModel), sink(callSink) {}

    // The mic key: on when off, off when live or waiting (a suspended seat gives up).
    void toggleMic();
    void cough(bool held);
    void selectOutput(const std::string& slot); // "A" | "B" | "C"
    void listen(const std::string& source);     // "floor" | "auto" | channel id
    void setVolume(double db);
    void setBass(double db);
    void setTreble(double db);

    void slowDown();
    void callTechnician();
    void sendText(const std::string& to, const std::string& text); // "technician" | "seat:ID"

    // Handover: request and accept are messages to the partner; "now" is the one engine call,
    // seat.handover, which swaps both microphones atomically. It is only sent when the partner
    // is live and this seat is not: otherwise the line says why and nothing is sent.
    void requestHandover();
    void acceptHandover();
    void handoverNow();
    void cancelHandover();
    // The one handover shortcut (H, a MIDI button): the next sensible step. Accept what the
    // partner asked; take over when the partner is live and this seat is not; otherwise ask.
    void handoverKey();

private:
    void seatCall(const char* method, nlohmann::json params);
    void message(const std::string& to, const std::string& kind, const std::string& text = {});

    BoothModel& model;
    RpcSink& sink;
};

} // namespace dragoman::booth
