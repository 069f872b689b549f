// libFuzzer target: the SAP parser and writer (parse -> write -> parse gives the same), and the
// directory fed the packet as an announcement and as a deletion, with time moving on.

#include "FuzzCheck.h"

#include "net/Sap.h"
#include "net/SapDirectory.h"

#include <cstddef>
#include <cstdint>
#include <vector>

using namespace dragoman;
using namespace std::chrono_literals;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::uint8_t> input(data, size);
    const auto parsed = parseSap(input);
    if (parsed)
    {
        std::vector<std::uint8_t> out(sapSize(parsed.value()));
        const std::size_t n = writeSap(parsed.value(), out);
        FUZZ_CHECK(n == out.size());
        FUZZ_CHECK(n == size);
        const auto again = parseSap(out);
        FUZZ_CHECK(again.ok());
        FUZZ_CHECK(again.value() == parsed.value());
    }
    else
        FUZZ_CHECK(sapErrorName(parsed.error()) != "unknown");

    SapDirectory::Settings settings;
    settings.maximumSessions = 4;
    SapDirectory directory(settings);
    const SapDirectory::Clock::time_point t0{};
    directory.receive(input, t0);
    directory.receive(input, t0 + 2s);
    FUZZ_CHECK(directory.sessions().size() <= 1);
    for (const auto& session : directory.sessions())
        FUZZ_CHECK(directory.timeoutOf(session) <= 1h);

    // The same bytes as a deletion: whatever was added goes away again.
    if (size > 0)
    {
        std::vector<std::uint8_t> deletion(input.begin(), input.end());
        deletion[0] |= 0x04;
        directory.receive(deletion, t0 + 3s);
        if (parsed && parsed->type == SapMessageType::announcement)
            FUZZ_CHECK(directory.sessions().empty());
    }
    directory.expire(t0 + 2h);
    FUZZ_CHECK(directory.sessions().empty());
    return 0;
}
