#pragma once
// Whether, and how, this console carries its seat's audio when the command line did not say:
// a seat the session marks remote (the state's `remote`) gets its audio here, so that a remote
// interpreter needs only the URL and the token. Any thread (pure).

#include "model/BoothOptions.h"
#include "model/BoothState.h"

#include <optional>
#include <string>

namespace dragoman::booth
{

// The options to start the remote audio with, or nothing (an on-site seat, audio refused by
// --no-remote-audio, or already given on the command line). `controlHost` is the engine's host as
// the console reached it: it stands in for an engine that listens on every address (0.0.0.0).
std::optional<RemoteAudioOptions> remoteAudioFromState(const RemoteAudioOptions& commandLine,
                                                       const SeatInfo& seat,
                                                       const std::string& controlHost);

} // namespace dragoman::booth
