#include "receive/JitterBuffer.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace dragoman
{

JitterBuffer::JitterBuffer(const JitterBufferConfig& settings)
    : config(settings), slotCount(settings.capacity),
      mask(static_cast<std::uint64_t>(settings.capacity) - 1)
{
    if (slotCount < 2 || (slotCount & (slotCount - 1)) != 0)
        throw std::invalid_argument("jitter buffer capacity must be a power of two >= 2");
    slots = std::make_unique<Slot[]>(static_cast<std::size_t>(slotCount));
    clearSlots();
}

void JitterBuffer::clearSlots() noexcept DRAGOMAN_NONBLOCKING
{
    for (int i = 0; i < slotCount; ++i)
        slots[static_cast<std::size_t>(i)].sequence = emptySlot;
    buffered = 0;
}

void JitterBuffer::anchor(std::int64_t sequence, std::int64_t timestamp,
                          int frameSamples) noexcept DRAGOMAN_NONBLOCKING
{
    anchored = true;
    started = false;
    waitedFrames = 0;
    playSequence = highestSequence = sequence;
    playTimestamp = timestamp;
    newestEnd = timestamp + frameSamples;
    lastSamples = frameSamples;
    sequences.accept(sequence);
    timestamps.accept(timestamp);
}

InsertOutcome JitterBuffer::beginStream(const RtpPacketView& packet, int frameSamples,
                                        Nanoseconds arrival) noexcept DRAGOMAN_NONBLOCKING
{
    clearSlots();
    haveStream = true;
    streamSsrc = packet.header.ssrc;
    lastArrival = arrival;
    implausibleRun = 0;
    sequences.reset();
    timestamps.reset();
    const auto sequence = sequences.extend(packet.header.sequence);
    const auto timestamp = timestamps.extend(packet.header.timestamp);
    anchor(sequence, timestamp, frameSamples);
    ++tally.streams;
    ++tally.received;
    store(packet, sequence, timestamp, frameSamples);
    return {PacketVerdict::NewStream, sequence, timestamp};
}

bool JitterBuffer::implausibleRunComplete(std::uint16_t sequence) noexcept DRAGOMAN_NONBLOCKING
{
    // "Following" allows small gaps: the restarted sender's packets may be lost or reordered too.
    const auto step = static_cast<std::uint16_t>(sequence - lastImplausible);
    implausibleRun = (implausibleRun > 0 && step >= 1 && step <= 16) ? implausibleRun + 1 : 1;
    lastImplausible = sequence;
    return implausibleRun >= config.implausibleRunToRestart;
}

PacketVerdict JitterBuffer::store(const RtpPacketView& packet, std::int64_t sequence,
                                  std::int64_t timestamp,
                                  int frameSamples) noexcept DRAGOMAN_NONBLOCKING
{
    Slot& slot = slotFor(sequence);
    if (slot.sequence == sequence)
    {
        ++tally.duplicated;
        return PacketVerdict::Duplicate;
    }
    if (slot.sequence == emptySlot)
        ++buffered;
    slot.sequence = sequence;
    slot.timestamp = timestamp;
    slot.samples = frameSamples;
    slot.size = static_cast<int>(packet.payload.size());
    std::memcpy(slot.bytes.data(), packet.payload.data(), packet.payload.size());
    if (sequence > highestSequence)
    {
        highestSequence = sequence;
        newestEnd = timestamp + frameSamples;
        sequences.accept(sequence);
    }
    else if (sequence < highestSequence)
    {
        ++tally.reordered;
        return PacketVerdict::Reordered;
    }
    return PacketVerdict::Stored;
}

InsertOutcome JitterBuffer::insert(const RtpPacketView& packet, int frameSamples,
                                   Nanoseconds arrival) noexcept DRAGOMAN_NONBLOCKING
{
    if (packet.payload.size() > static_cast<std::size_t>(maxPayloadBytes))
    {
        ++tally.tooLarge;
        return {PacketVerdict::TooLarge};
    }
    if (!haveStream)
        return beginStream(packet, frameSamples, arrival);

    const bool streamSilent = arrival - lastArrival >= config.sourceTimeout;
    if (packet.header.ssrc != streamSsrc)
    {
        if (streamSilent)
            return beginStream(packet, frameSamples, arrival);
        ++tally.foreign;
        return {PacketVerdict::Foreign};
    }

    const auto sequence = sequences.extend(packet.header.sequence);
    const auto timestamp = timestamps.extend(packet.header.timestamp);
    if (!anchored)
        anchor(sequence, timestamp, frameSamples);
    else if (sequence < playSequence - slotCount || sequence >= playSequence + slotCount)
    {
        if (streamSilent || implausibleRunComplete(packet.header.sequence))
            return beginStream(packet, frameSamples, arrival);
        ++tally.implausible;
        return {PacketVerdict::Implausible, sequence, timestamp};
    }
    implausibleRun = 0;
    lastArrival = arrival;
    timestamps.accept(timestamp);
    ++tally.received;

    if (sequence < playSequence)
    {
        // Before playout a reordered first packet moves the start back, as long as it and the
        // newest one both fit in the slots.
        if (started || highestSequence - sequence >= slotCount)
        {
            ++tally.late;
            return {PacketVerdict::Late, sequence, timestamp};
        }
        playSequence = sequence;
        playTimestamp = timestamp;
        lastSamples = frameSamples;
    }
    return {store(packet, sequence, timestamp, frameSamples), sequence, timestamp};
}

void JitterBuffer::startPlayout() noexcept DRAGOMAN_NONBLOCKING
{
    started = anchored;
}

Playout JitterBuffer::takePacket(Slot& slot) noexcept DRAGOMAN_NONBLOCKING
{
    slot.sequence = emptySlot;
    --buffered;
    waitedFrames = 0;
    const Playout out{Playout::Kind::Packet,
                      {slot.bytes.data(), static_cast<std::size_t>(slot.size)},
                      slot.samples,
                      slot.timestamp};
    // Resynchronise on the packet's own timestamp: a sender may skip time (DTX, a pause).
    playTimestamp = slot.timestamp + slot.samples;
    lastSamples = slot.samples;
    ++playSequence;
    return out;
}

void JitterBuffer::skip(std::int64_t frames) noexcept DRAGOMAN_NONBLOCKING
{
    tally.lost += static_cast<std::uint64_t>(frames);
    playSequence += frames;
    playTimestamp += frames * lastSamples;
}

Playout JitterBuffer::next() noexcept DRAGOMAN_NONBLOCKING
{
    Slot& slot = slotFor(playSequence);
    if (slot.sequence == playSequence)
        return takePacket(slot);
    if (highestSequence <= playSequence)
    {
        // Nothing at all to play: conceal and keep waiting for this frame. If it comes, the
        // delay has grown by the frames waited, as it had to; if a later one comes instead,
        // the concealment stood in for the lost frame and nothing has grown.
        ++tally.underruns;
        ++waitedFrames;
        return {Playout::Kind::Underrun, {}, lastSamples, playTimestamp};
    }
    if (waitedFrames > 0)
    {
        std::int64_t present = playSequence + 1;
        while (present < highestSequence && slotFor(present).sequence != present)
            ++present;
        skip(std::min<std::int64_t>(waitedFrames, present - playSequence));
        waitedFrames = 0;
        Slot& now = slotFor(playSequence);
        if (now.sequence == playSequence)
            return takePacket(now);
    }
    // Something later is here, so this frame is lost rather than merely late.
    Playout out{Playout::Kind::Lost, {}, lastSamples, playTimestamp};
    const Slot& following = slotFor(playSequence + 1);
    if (following.sequence == playSequence + 1)
    {
        out.kind = Playout::Kind::Fec;
        out.payload = {following.bytes.data(), static_cast<std::size_t>(following.size)};
    }
    skip(1);
    return out;
}

bool JitterBuffer::dropFirst() noexcept DRAGOMAN_NONBLOCKING
{
    if (started || buffered == 0)
        return false;
    Slot& slot = slotFor(playSequence);
    if (slot.sequence == playSequence)
    {
        slot.sequence = emptySlot;
        --buffered;
        ++tally.late;
        playTimestamp = slot.timestamp + slot.samples;
        lastSamples = slot.samples;
    }
    else
    {
        playTimestamp += lastSamples;
    }
    ++playSequence;
    return true;
}

std::int64_t JitterBuffer::bufferedSamples() const noexcept DRAGOMAN_NONBLOCKING
{
    return anchored ? std::max<std::int64_t>(0, newestEnd - playTimestamp) : 0;
}

void JitterBuffer::restart() noexcept DRAGOMAN_NONBLOCKING
{
    clearSlots();
    anchored = false;
    started = false;
}

void JitterBuffer::forgetStream() noexcept DRAGOMAN_NONBLOCKING
{
    restart();
    haveStream = false;
}

} // namespace dragoman
