#pragma once
// Shared by the console tests: the recorded Astana state (11 channels, 30 seats) and a sink that
// records the API calls the views make instead of sending them.

#include "model/ConsoleActions.h"
#include "model/ConsoleModel.h"

#include <juce_gui_basics/juce_gui_basics.h>

#include <fstream>
#include <string>
#include <vector>

namespace dragoman::console::test
{

inline nlohmann::json loadJson(const std::string& name)
{
    std::ifstream file(std::string(CONSOLE_TEST_DATA) + "/" + name);
    return nlohmann::json::parse(file);
}

struct RecordedCall
{
    std::string method;
    nlohmann::json params;
};

class RecordingSink : public RpcSink
{
public:
    void call(const std::string& method, const nlohmann::json& params, Reply reply) override
    {
        calls.push_back({method, params});
        if (reply)
            reply(true, nlohmann::json::object(), {});
    }
    std::vector<RecordedCall> calls;
};

// A click as the mouse makes it, at a point in the component's own coordinates.
inline void click(juce::Component& component, juce::Point<int> point)
{
    auto source = juce::Desktop::getInstance().getMainMouseSource();
    const auto now = juce::Time::getCurrentTime();
    const juce::MouseEvent event(source, point.toFloat(), juce::ModifierKeys::leftButtonModifier,
                                 juce::MouseInputSource::defaultPressure, 0.0f, 0.0f, 0.0f, 0.0f,
                                 &component, &component, now, point.toFloat(), now, 1, false);
    component.mouseDown(event);
    component.mouseUp(event.withNewPosition(point.toFloat()));
}

struct AstanaConsole
{
    AstanaConsole()
    {
        model.setConnection(true, "test");
        model.applyState(loadJson("astana_state.json"));
        model.applyMeters(loadJson("astana_meters.json"));
    }
    ConsoleModel model;
    RecordingSink sink;
    ConsoleActions actions{sink};
};

} // namespace dragoman::console::test
