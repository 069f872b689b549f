#pragma once
// The meeting as the technician describes it in a session file: floor, channels, booths, seats,
// interlock rules, pivots and the audio device mapping. Plain data, built on the control thread.

#include "Interlock.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dragoman
{

// What a channel carries while no interpreter holds it.
enum class IdleFeed
{
    floor,
    silence
};

struct ChannelSpec
{
    std::string id;       // e.g. "en"; "floor" is reserved for the floor channel
    std::string language; // language code, e.g. "en"
    std::string name;     // shown to delegates, e.g. "English"
    IdleFeed idle = IdleFeed::floor;
};

// Where one channel's RTP stream goes: "239.69.0.1:5004" or "127.0.0.1:6000".
struct StreamEndpoint
{
    std::string address; // dotted IPv4
    std::uint16_t port = 5004;
};

// A seat whose interpreter works from elsewhere: `dragoman seat` sends the microphone to `listen`
// and receives what the seat hears from `send_to`, both RTP/Opus with RTCP one port up.
struct RemoteSeatSpec
{
    StreamEndpoint listen; // the engine receives the seat's microphone here
    StreamEndpoint sendTo; // the engine sends the seat's headphone feed here
};

struct SeatSpec
{
    std::string id;
    double splAt0dBFS = 110.0; // dB SPL (RMS) of a full-scale sine in this seat's headphones
    std::optional<RemoteSeatSpec> remote; // absent: the seat is wired to the engine's device
};

struct BoothOutput
{
    char label = 'A';    // 'A', 'B' or 'C'
    std::string channel; // channel id
};

struct BoothSpec
{
    std::string id;
    std::vector<BoothOutput> outputs;     // A first; B and C optional
    std::vector<std::string> understands; // languages taken straight from the floor
    InterlockMode interlock = InterlockMode::interlock;
    std::vector<SeatSpec> seats;
};

// Auto-relay: when the floor speaks `floorLanguage`, booths that do not understand it listen to
// `channel`.
struct Pivot
{
    std::string floorLanguage;
    std::string channel;
};

// One mapping of an engine endpoint to a device channel (1-based, as technicians count).
// Inputs: "floor" or a seat id (its microphone). Outputs: a seat id (its headphones) or
// "channel:<id>" (including "channel:floor").
struct AudioPort
{
    std::string endpoint;
    int deviceChannel = 1;
};

struct AudioMap
{
    std::string hostApi = "JACK"; // any PortAudio host API name
    std::string device;           // empty: the host API's default device
    std::vector<AudioPort> inputs;
    std::vector<AudioPort> outputs;
};

// Opus settings shared by every channel's encoder (see README "Streams" for the defaults).
struct OpusSettings
{
    int frameMicroseconds = 10000; // 2500, 5000, 10000 or 20000
    int bitrate = 32000;           // bits/s, 6000..510000
    int complexity = 5;            // 0..10
    bool fec = true;               // in-band FEC (needs SILK: frames of 10 ms or more)
    int expectedLossPercent = 2;   // 0..100
};

struct SapSettings
{
    bool enabled = true;
    std::string address = "239.255.255.255"; // RFC 2974's group for administratively scoped IPv4
    std::uint16_t port = 9875;
    double intervalSeconds = 5.0;
};

struct ChannelDestinations
{
    std::string channel; // "floor" or a channel id
    std::optional<StreamEndpoint> multicast;
    std::vector<StreamEndpoint> unicast;
};

// The `network:` section: where each channel is streamed as RTP/Opus and how it is announced.
struct NetworkSpec
{
    std::string interface = "127.0.0.1"; // IPv4 address for IP_MULTICAST_IF
    int ttl = 1;
    OpusSettings opus;
    SapSettings sap;
    std::string sdpDir; // empty: no SDP files unless --sdp-dir gives a directory
    std::vector<ChannelDestinations> channels; // channels not listed are not streamed
    // default_multicast_base: a listed channel without a group of its own gets base + 1 (the
    // floor) or base + 2 + its index in `channels` (the reader resolves it into `multicast`).
    std::optional<StreamEndpoint> multicastBase;
};

// Where the control API listens: "127.0.0.1:7700".
struct ControlEndpoint
{
    std::string host;
    std::uint16_t port = 0;
};

// One credential of the control API. `role` is "technician", "viewer" or "seat:<id>".
struct ControlToken
{
    std::string token;
    std::string role;
    std::string name;
};

// The `control:` section: the JSON-RPC / HTTP server inside `dragoman engine`
// (docs/CONTROL_API.md). Paths are kept as written; they are relative to the session file.
struct ControlSpec
{
    std::optional<ControlEndpoint> listen; // HTTP and WebSocket
    std::optional<ControlEndpoint> tcp;    // newline-delimited JSON-RPC
    std::string tokensFile;
    std::vector<ControlToken> tokens; // inline `tokens:`
    std::string presetsDir = "presets";
    std::string tlsCertificate; // both empty: no TLS
    std::string tlsKey;
};

struct Session
{
    std::string name;
    int sampleRate = 48000;
    int blockFrames = 64;
    std::string floorLanguage;
    std::vector<ChannelSpec> channels; // channels 1..N; the floor is not listed
    std::vector<BoothSpec> booths;
    InterlockMode interlockBetweenBooths = InterlockMode::interlock;
    std::vector<Pivot> pivots;
    AudioMap audio;
    std::optional<NetworkSpec> network; // absent: the engine streams nothing
    std::optional<ControlSpec> control; // absent: no control API unless `--control` asks
};

} // namespace dragoman
