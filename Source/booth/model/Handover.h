#pragma once
// The handover between booth partners as the consoles negotiate it: one asks (request), the other
// agrees (accept), and the one taking over presses "now", which is a single `seat.handover` call:
// the engine switches both microphones in one block. The negotiation never touches a microphone,
// so a lost message can delay a handover but never leave the channel with both or neither live.
// Message thread only (pure logic, no JUCE).

#include <string>

namespace dragoman::booth
{

enum class HandoverStage
{
    none,      // nothing under way
    requested, // I asked the partner; waiting for an accept
    offered,   // the partner asked me; I may accept
    agreed,    // both agreed: the one not live presses "now"
};

class Handover
{
public:
    void requestSent(const std::string& to);
    void requestReceived(const std::string& from);
    void acceptSent();
    void acceptReceived(const std::string& from);
    void cancel();
    // The channel's holder changed (the handover happened, or someone went live or off
    // another way): the negotiation is over.
    void holderChanged();

    HandoverStage stage() const { return current; }
    const std::string& partner() const { return with; } // seat id, empty when none
    // What the buttons may do, given whether I and my partner are live on my channel.
    bool canRequest() const { return current == HandoverStage::none; }
    bool canAccept() const { return current == HandoverStage::offered; }
    // "now" is the taker's: it goes live and the partner goes off in the engine.
    static bool canTakeOver(bool selfLive, bool partnerLive) { return !selfLive && partnerLive; }
    // A line for the handover panel.
    std::string describe(bool selfLive) const;

private:
    HandoverStage current = HandoverStage::none;
    std::string with;
};

} // namespace dragoman::booth
