#pragma once
// The rules a session must follow before the engine may run it: ids unique and well formed,
// every reference (booth output, pivot, audio port) pointing at something that exists, numbers
// in the ranges the hardware and the hearing-protection limiter accept.
//
// The rules work on the plain Session, not on YAML, so that a session edited from the console
// or the control API can be checked the same way as one read from a file. A SessionSource maps
// each key path back to its line so that the refusal still points into the file.
//
// Threads: control thread only (allocates). No shared state: any number of threads may validate
// different sessions at once.

#include "core/Result.h"
#include "core/Session.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace dragoman
{

// Where each key of a session came from. Keys are paths as a reader of the file spells them,
// with 0-based indices as yq and jq count: `booths[1].outputs.B`, `channels[3].id`,
// `pivots.hi`, `audio.outputs.channel:en`.
class SessionSource
{
public:
    // `name` is what refusals start with: the file path, or e.g. "session" for one built in code.
    explicit SessionSource(std::string name);

    const std::string& name() const { return sourceName; }

    // Records that `key` is written on `line` (1-based).
    void note(std::string key, int line);

    // The line of `key`, else of the nearest enclosing key that was noted (a default value has no
    // line of its own, its map has); 0 when nothing is known.
    int lineOf(std::string_view key) const;

    // The one message format of every refusal: `FILE:LINE: KEY: what is wrong`
    // (`FILE: KEY: ...` when the line is unknown).
    Error refuse(std::string_view key, std::string_view what) const;
    Error refuseAtLine(int line, std::string_view key, std::string_view what) const;

private:
    std::string sourceName;
    std::unordered_map<std::string, int> lines;
};

// The first rule `session` breaks, in file order as far as possible; nullopt when it is valid.
std::optional<Error> validateSession(const Session& session, const SessionSource& source);

// The `network:` rules alone (validateSession() applies them too); nullopt without a section.
std::optional<Error> validateNetwork(const Session& session, const SessionSource& source);

// The remote seats' UDP ports alone (validateSession() applies them too): no two seats on one
// microphone or feed port pair, and no engine stream sent into a seat's microphone port.
std::optional<Error> validateRemoteSeatPorts(const Session& session, const SessionSource& source);

// Language codes as sessions write them: 2-3 lowercase letters with an optional lowercase
// subtag, e.g. "en", "kk", "zh-hans".
bool isLanguageCode(std::string_view text);

// Channel, booth and seat ids: letters, digits, '-' and '_'. Narrow on purpose: ids appear in
// key paths, in "channel:<id>" endpoints and in stream names, where '.', ':' or spaces would be
// ambiguous.
bool isId(std::string_view text);

} // namespace dragoman
