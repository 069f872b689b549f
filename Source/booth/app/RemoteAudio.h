#pragma once
// A remote seat's audio, carried by the console itself: the interpreter's microphone goes to the
// engine and the seat's feed comes back through the hearing-protection limiter calibrated for
// this headset. The work is Modules/seatlink's RemoteSeatAudio on Modules/drivers' SeatIo
// (PortAudio), exactly what `dragoman seat` runs; this class only starts them and, twice a
// second, puts the link's health into the model (RemoteLinkMeter) for the status bar and the
// headphones' limiter lamp. The console's volume, bass and treble need nothing here: they are
// the engine's seat settings, applied to the feed before it is sent.
// Message thread only (the PortAudio callback is RemoteSeatAudio's audio thread).

#include "model/BoothModel.h"
#include "model/BoothOptions.h"

#include "core/Result.h"
#include "drivers/SeatIo.h"
#include "seatlink/RemoteSeatAudio.h"

#include <juce_events/juce_events.h>

#include <functional>
#include <memory>

namespace dragoman::booth
{

class RemoteAudio : private juce::Timer
{
public:
    using ChangeHandler = std::function<void(std::uint32_t changes)>;
    static constexpr const char* kJackClient = "dragoman-booth";

    static Result<std::unique_ptr<RemoteAudio>> open(const RemoteAudioOptions& options,
                                                     BoothModel& model, ChangeHandler onChange);
    ~RemoteAudio() override;

    std::optional<Error> start();
    // "microphone to 10.0.0.1:7100, feed on 0.0.0.0:7200, JACK 'system' -> 'system', ..."
    const std::string& description() const { return text; }

private:
    RemoteAudio(BoothModel& model, ChangeHandler onChange);
    void timerCallback() override;

    BoothModel& model;
    ChangeHandler onChange;
    std::unique_ptr<RemoteSeatAudio> seat;
    std::unique_ptr<SeatIo> io;
    RemoteLinkMeter meter;
    std::string text;
};

} // namespace dragoman::booth
