#include "receive/SourceReception.h"

namespace dragoman
{

void SourceReception::onRtp(std::uint32_t ssrc, std::uint16_t sequence, std::uint32_t rtpTimestamp,
                            Nanoseconds arrival) noexcept
{
    if (!started || ssrc != source)
    {
        reset();
        started = true;
        source = ssrc;
    }
    sequences.update(sequence);
    // The arrival clock in RTP units (48 kHz), wrapping as RTP timestamps do: only differences
    // of transit times enter the jitter.
    // Whole seconds apart, so that days of uptime cannot overflow the product.
    const auto ns = static_cast<std::uint64_t>(arrival.count());
    const std::uint64_t ticks = ns / 1'000'000'000ull * receiveSampleRate +
                                ns % 1'000'000'000ull * receiveSampleRate / 1'000'000'000ull;
    jitter.onPacket(rtpTimestamp, static_cast<std::uint32_t>(ticks));
}

void SourceReception::onSenderReport(std::uint32_t ssrc, NtpTime ntp, Nanoseconds arrival) noexcept
{
    if (!started || ssrc != source)
        return;
    lastSenderReport = ntp.middle32();
    senderReportArrival = arrival;
}

void SourceReception::reset() noexcept
{
    started = false;
    source = 0;
    sequences = SequenceTracker{}; // its counts too, not only the sequence state
    jitter.reset();
    lastSenderReport = 0;
    senderReportArrival = Nanoseconds{0};
}

std::optional<ReportBlock> SourceReception::takeReportBlock(Nanoseconds now) noexcept
{
    if (!started || !sequences.valid())
        return std::nullopt;
    ReportBlock block;
    block.ssrc = source;
    block.fractionLost = sequences.takeFractionLost();
    block.cumulativeLost = sequences.cumulativeLostForReport();
    block.highestSequence = sequences.extendedHighest();
    block.jitter = jitter.jitter();
    if (lastSenderReport != 0)
    {
        block.lastSenderReport = lastSenderReport;
        block.delaySinceLastReport = toDelaySinceLastReport(now - senderReportArrival);
    }
    return block;
}

RtcpCompound receiverReport(std::uint32_t reporterSsrc, std::string_view cname,
                            const std::optional<ReportBlock>& block, bool bye) noexcept
{
    RtcpCompound compound;
    compound.reporterSsrc = reporterSsrc;
    if (block)
        compound.reports.push_back(*block);
    compound.cnames.push_back({reporterSsrc, cname});
    if (bye)
    {
        compound.bye = true;
        compound.byeSources.push_back(reporterSsrc);
    }
    return compound;
}

} // namespace dragoman
