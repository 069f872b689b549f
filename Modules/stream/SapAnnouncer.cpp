#include "stream/SapAnnouncer.h"

#include "net/Sap.h"

#include <arpa/inet.h>

#include <chrono>
#include <cstring>

namespace dragoman
{

Result<std::unique_ptr<SapAnnouncer>> SapAnnouncer::create(const NetworkSpec& network,
                                                           std::vector<std::string> sdps)
{
    const auto group = ipv4Endpoint(network.sap.address, network.sap.port);
    if (!group)
        return Error{"SAP: '" + network.sap.address + "' is not an IPv4 address"};
    auto socket = UdpSocket::open(network.interface, network.ttl);
    if (!socket)
        return Error{"SAP: " + socket.error()};
    return std::unique_ptr<SapAnnouncer>(
        new SapAnnouncer(std::move(socket.value()), *group, network.interface,
                         network.sap.intervalSeconds, std::move(sdps)));
}

SapAnnouncer::SapAnnouncer(std::unique_ptr<UdpSocket> udp, sockaddr_in group, std::string origin,
                           double interval, std::vector<std::string> sdps)
    : socket(std::move(udp)), destination(group), originAddress(std::move(origin)),
      intervalSeconds(interval), descriptions(std::move(sdps))
{
}

SapAnnouncer::~SapAnnouncer()
{
    stop();
}

void SapAnnouncer::start()
{
    thread = std::thread([this] { run(); });
}

void SapAnnouncer::stop()
{
    {
        const std::lock_guard lock(mutex);
        if (stopping)
            return;
        stopping = true;
    }
    wake.notify_all();
    if (thread.joinable())
    {
        thread.join();
        announceAll(true); // only after a start: nobody was told before
    }
}

void SapAnnouncer::announceAll(bool deletion)
{
    in_addr origin{};
    inet_pton(AF_INET, originAddress.c_str(), &origin);
    std::vector<std::uint8_t> buffer;
    for (const auto& sdp : descriptions)
    {
        SapPacket packet;
        packet.type = deletion ? SapMessageType::deletion : SapMessageType::announcement;
        packet.messageIdHash = sapMessageIdHash(sdp);
        std::memcpy(packet.origin.address.data(), &origin, 4);
        packet.payload = sdp;
        buffer.resize(sapSize(packet));
        const std::size_t size = writeSap(packet, buffer);
        if (size != 0 && socket->sendTo(destination, std::span(buffer.data(), size)))
            sent.fetch_add(1, std::memory_order_relaxed);
        else
            errors.fetch_add(1, std::memory_order_relaxed);
    }
}

void SapAnnouncer::run()
{
    const auto interval = std::chrono::duration<double>(intervalSeconds);
    std::unique_lock lock(mutex);
    while (!stopping)
    {
        lock.unlock();
        announceAll(false);
        lock.lock();
        wake.wait_for(lock, interval, [this] { return stopping; });
    }
}

} // namespace dragoman
