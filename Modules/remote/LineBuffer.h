#pragma once
// Splits a byte stream into newline-delimited messages (the TCP framing of the control API),
// with a bound: a server that sends more than `limit` bytes without a newline is broken or
// hostile, and the client closes rather than growing without end. "\r\n" is accepted.
//
// Threads: one connection's reader (the network thread) only.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace dragoman
{

class LineBuffer
{
public:
    explicit LineBuffer(std::size_t longest) : limit(longest) {}

    // Calls `line` for each complete non-empty line in `bytes`. False once a line has grown past
    // the limit; the buffer is then unusable (the connection closes).
    bool append(std::string_view bytes, const std::function<void(std::string&&)>& line);

    void clear() { partial.clear(); }

private:
    std::size_t limit;
    std::string partial;
};

} // namespace dragoman
