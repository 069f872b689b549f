#include "MidiInputReader.h"

#include <juce_events/juce_events.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace dragoman::booth
{

MidiInputReader::MidiInputReader(std::string path, MidiMap midiMap,
                                 std::function<void(MidiPress)> handler)
    : device(std::move(path)), map(midiMap), onPress(std::move(handler))
{
    fd = ::open(device.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
    {
        openError = device + ": " + std::strerror(errno);
        return;
    }
    thread = std::thread([this] { run(); });
}

MidiInputReader::~MidiInputReader()
{
    running = false;
    if (thread.joinable())
        thread.join();
    if (fd >= 0)
        ::close(fd);
    alive.reset();
}

void MidiInputReader::run()
{
    MidiByteParser parser;
    std::uint8_t bytes[64];
    while (running)
    {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) // wakes every 100 ms to notice the stop
            continue;
        const auto n = ::read(fd, bytes, sizeof bytes);
        if (n <= 0)
        {
            if (n == 0 || (errno != EAGAIN && errno != EINTR))
                return; // the desk was unplugged
            continue;
        }
        for (ssize_t i = 0; i < n; ++i)
        {
            if (!parser.feed(bytes[i]))
                continue;
            const auto press = map.translate(parser.status, parser.data1, parser.data2);
            if (!press)
                continue;
            std::weak_ptr<bool> weak = alive;
            juce::MessageManager::callAsync(
                [weak, handler = onPress, value = *press]
                {
                    if (weak.lock())
                        handler(value);
                });
        }
    }
}

} // namespace dragoman::booth
