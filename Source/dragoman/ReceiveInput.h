#pragma once
// The delegate's channel selector. On a terminal: number keys pick a channel (1-9), arrow keys
// step through the list, q quits; the terminal is in raw mode while it runs and restored after.
// From a pipe (scripts, tests): one command per line, `channel ID` (id, language or number),
// `next`, `prev`, `quit`.
//
// Threads: constructed and destroyed on the control thread; its own input thread reads stdin
// and calls ChannelPlayer::requestChannel(). quitRequested(): any thread.

#include "ReceiveChannels.h"
#include "receive/ChannelPlayer.h"

#include <atomic>
#include <string>
#include <termios.h>
#include <thread>
#include <vector>

namespace dragoman::cli
{

class ReceiveInput
{
public:
    ReceiveInput(const std::vector<ReceiveChannel>& list, ChannelPlayer& target, int initial);
    ~ReceiveInput(); // stops the thread and restores the terminal

    bool quitRequested() const noexcept { return quit.load(std::memory_order_relaxed); }
    bool interactive() const noexcept { return rawMode; }

private:
    void run();
    void keys(const char* bytes, long count);
    void line(const std::string& text);
    void select(int index);

    const std::vector<ReceiveChannel>& channels;
    ChannelPlayer& player;
    int selected;
    bool rawMode = false;
    termios saved{};
    std::string pending; // a command line being assembled
    std::string escape;  // an arrow key's escape sequence being assembled
    std::atomic<bool> stopping{false};
    std::atomic<bool> quit{false};
    std::thread thread;
};

// Restores a terminal left in raw mode; safe from a signal handler.
void restoreTerminal() noexcept;

} // namespace dragoman::cli
