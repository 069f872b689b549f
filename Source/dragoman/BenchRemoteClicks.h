#pragma once
// The instrument of `dragoman bench remote`: sends clicks (2 ms tone bursts, which a speech
// codec keeps better than one sample) into a block stream and times their onsets in another,
// in frames of the same clock, as jack_iodelay does. One ClickLeg per direction of a remote
// seat. A click's delay is the frame its onset was detected at minus the frame its burst began,
// less the detector's own offset on the bare burst (measured once, so it cancels).
//
// Threads: all methods on one thread (the bench's timer loop, which plays both audio threads).

#include <cstdint>
#include <random>
#include <vector>

namespace dragoman::cli
{

class ClickLeg
{
public:
    ClickLeg(unsigned seed, double amplitude);

    // Writes this block's part of the click stream (silence or a burst) into `out`.
    void send(float* out, int frames);
    // Looks for the click in flight in `in`, the same block's audio at the far end.
    void listen(const float* in, int frames);
    // Starts clicking: a click every 100-150 ms after the previous one was heard or given up on.
    void arm(int clicks) { remaining = clicks; }
    bool finished() const { return remaining == 0 && sending < 0; }

    // Delays in milliseconds of the clicks heard; and how many were sent but never heard.
    const std::vector<double>& delaysMs() const { return delays; }
    int missed() const { return lost; }

private:
    static constexpr int burstFrames = 96; // 2 ms of 1 kHz
    static constexpr float threshold = 0.1f;
    static constexpr std::int64_t timeoutFrames = 24000; // 500 ms: longer than any buffer here

    std::vector<float> burst;
    int detectorOffset = 0; // frames from a bare burst's start to its detection
    std::mt19937 random;
    std::int64_t sendFrame = 0;   // the frame counter of the sending side
    std::int64_t listenFrame = 0; // of the listening side
    std::int64_t nextSend = 0;
    std::int64_t sending = -1; // start frame of the click in flight, -1: none
    int remaining = 0;
    std::vector<double> delays;
    int lost = 0;
};

} // namespace dragoman::cli
