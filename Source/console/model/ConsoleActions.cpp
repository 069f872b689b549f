#include "model/ConsoleActions.h"

namespace dragoman::console
{

using nlohmann::json;

void ConsoleActions::setSeatOutput(const std::string& seat, const std::string& letter)
{
    sink.call("seat.output", {{"seat", seat}, {"output", letter}});
}

void ConsoleActions::setSeatListen(const std::string& seat, const std::string& source)
{
    sink.call("seat.listen", {{"seat", seat}, {"source", source}});
}

void ConsoleActions::setSeatMic(const std::string& seat, bool on)
{
    sink.call("seat.mic", {{"seat", seat}, {"on", on}});
}

void ConsoleActions::setBoothInterlock(const std::string& booth, const std::string& mode)
{
    sink.call("booth.interlock", {{"booth", booth}, {"mode", mode}});
}

void ConsoleActions::setInterlockBetween(const std::string& mode)
{
    sink.call("interlock.between", {{"mode", mode}});
}

void ConsoleActions::setChannelIdle(const std::string& channel, const std::string& idle)
{
    sink.call("channel.idle", {{"channel", channel}, {"idle", idle}});
}

void ConsoleActions::setFloorLanguage(const std::string& language)
{
    sink.call("floor.language", {{"language", language}});
}

void ConsoleActions::setMonitor(const std::string& source)
{
    sink.call("monitor.set", {{"source", source}});
}

void ConsoleActions::acknowledgeAlarm(int id)
{
    sink.call("alarms.ack", {{"id", id}});
}

void ConsoleActions::savePreset(const std::string& name, RpcSink::Reply reply)
{
    sink.call("session.save", {{"name", name}}, std::move(reply));
}

void ConsoleActions::loadPreset(const std::string& name, RpcSink::Reply reply)
{
    sink.call("session.load", {{"name", name}}, std::move(reply));
}

void ConsoleActions::sendMessage(const std::string& to, const std::string& text,
                                 RpcSink::Reply reply)
{
    sink.call("messages.send", {{"to", to}, {"kind", "text"}, {"text", text}}, std::move(reply));
}

} // namespace dragoman::console
