#include "Handover.h"

namespace dragoman::booth
{

void Handover::requestSent(const std::string& to)
{
    current = HandoverStage::requested;
    with = to;
}

void Handover::requestReceived(const std::string& from)
{
    // Both asked at once: that is agreement.
    current = current == HandoverStage::requested && from == with ? HandoverStage::agreed
                                                                  : HandoverStage::offered;
    with = from;
}

void Handover::acceptSent()
{
    if (current == HandoverStage::offered)
        current = HandoverStage::agreed;
}

void Handover::acceptReceived(const std::string& from)
{
    if (current == HandoverStage::requested && from == with)
        current = HandoverStage::agreed;
}

void Handover::cancel()
{
    current = HandoverStage::none;
    with.clear();
}

void Handover::holderChanged()
{
    cancel();
}

std::string Handover::describe(bool selfLive) const
{
    switch (current)
    {
    case HandoverStage::none:
        return "";
    case HandoverStage::requested:
        return "Asked " + with + " to " + (selfLive ? "take over" : "hand over") + "...";
    case HandoverStage::offered:
        return with + (selfLive ? " is ready to take over" : " asks you to take over");
    case HandoverStage::agreed:
        return selfLive ? with + " takes over: keep talking until they are live"
                        : "Agreed with " + with + ": press NOW at a pause";
    }
    return "";
}

} // namespace dragoman::booth
