#include "LineBuffer.h"

namespace dragoman
{

bool LineBuffer::append(std::string_view bytes, const std::function<void(std::string&&)>& line)
{
    while (!bytes.empty())
    {
        const auto newline = bytes.find('\n');
        const auto piece = bytes.substr(0, newline);
        if (partial.size() + piece.size() > limit)
            return false;
        partial.append(piece);
        if (newline == std::string_view::npos)
            return true;
        bytes.remove_prefix(newline + 1);
        if (!partial.empty() && partial.back() == '\r')
            partial.pop_back();
        if (!partial.empty())
            line(std::move(partial));
        partial.clear();
    }
    return true;
}

} // namespace dragoman
