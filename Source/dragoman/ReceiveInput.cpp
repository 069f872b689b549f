#include "ReceiveInput.h"

#include <chrono>
#include <cstdio>
#include <poll.h>
#include <unistd.h>

namespace dragoman::cli
{

namespace
{

// For restoreTerminal() on a fatal signal: set while raw mode is on.
termios originalTerminal{};
std::atomic<bool> terminalRaw{false};

Nanoseconds steadyNow() noexcept
{
    return std::chrono::duration_cast<Nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch());
}

std::string trim(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

} // namespace

void restoreTerminal() noexcept
{
    if (terminalRaw.exchange(false))
        ::tcsetattr(STDIN_FILENO, TCSANOW, &originalTerminal);
}

ReceiveInput::ReceiveInput(const std::vector<ReceiveChannel>& list, ChannelPlayer& target,
                           int initial)
    : channels(list), player(target), selected(initial)
{
    if (::isatty(STDIN_FILENO) == 1 && ::tcgetattr(STDIN_FILENO, &saved) == 0)
    {
        termios raw = saved;
        // No line buffering and no echo, so that one key press switches at once; signals
        // (Ctrl-C) still work.
        raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO));
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        originalTerminal = saved;
        if (::tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0)
        {
            rawMode = true;
            terminalRaw = true;
        }
    }
    thread = std::thread([this] { run(); });
}

ReceiveInput::~ReceiveInput()
{
    stopping = true;
    if (thread.joinable())
        thread.join();
    restoreTerminal();
}

void ReceiveInput::run()
{
    char buffer[256];
    while (!stopping.load(std::memory_order_relaxed))
    {
        pollfd p{STDIN_FILENO, POLLIN, 0};
        // The timeout only bounds how long the destructor waits.
        if (::poll(&p, 1, 50) <= 0)
            continue;
        const long n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0)
            return; // end of input: keep playing what was chosen
        if (rawMode)
            keys(buffer, n);
        else
            for (long i = 0; i < n; ++i)
            {
                if (buffer[i] != '\n')
                    pending += buffer[i];
                else
                {
                    line(trim(pending));
                    pending.clear();
                }
            }
    }
}

void ReceiveInput::keys(const char* bytes, long count)
{
    for (long i = 0; i < count; ++i)
    {
        const char c = bytes[i];
        if (!escape.empty() || c == '\x1b')
        {
            escape += c;
            if (escape.size() < 3)
                continue;
            // ESC [ A/B (up/down) and ESC [ C/D (right/left)
            if (escape[2] == 'A' || escape[2] == 'D')
                select(selected - 1);
            else if (escape[2] == 'B' || escape[2] == 'C')
                select(selected + 1);
            escape.clear();
        }
        else if (c >= '1' && c <= '9' && c - '1' < static_cast<int>(channels.size()))
            select(c - '1');
        else if (c == 'q' || c == 'Q')
            quit = true;
    }
}

void ReceiveInput::line(const std::string& text)
{
    if (text.empty())
        return;
    if (text == "next")
        select(selected + 1);
    else if (text == "prev")
        select(selected - 1);
    else if (text == "quit")
        quit = true;
    else if (text.rfind("channel ", 0) == 0)
    {
        const int index = findChannel(channels, trim(text.substr(8)));
        if (index < 0)
            std::fprintf(stderr, "dragoman receive: no channel '%s'\n", text.substr(8).c_str());
        else
            select(index);
    }
    else
        std::fprintf(stderr,
                     "dragoman receive: unknown command '%s' (channel ID, next, prev, quit)\n",
                     text.c_str());
}

void ReceiveInput::select(int index)
{
    const int count = static_cast<int>(channels.size());
    index = (index % count + count) % count; // next/prev and arrows wrap around the list
    selected = index;
    player.requestChannel(index, steadyNow());
    std::fprintf(stderr, "dragoman receive: channel %s requested\n",
                 channelLabel(channels[static_cast<std::size_t>(index)]).c_str());
}

} // namespace dragoman::cli
