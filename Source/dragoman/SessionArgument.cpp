#include "SessionArgument.h"

#include "core/SessionFile.h"

namespace dragoman::cli
{

std::filesystem::path assetsDir()
{
    const std::filesystem::path source = DRAGOMAN_ASSETS_DIR;
    if (std::filesystem::exists(source))
        return source;
    return "/usr/share/dragoman";
}

std::filesystem::path defaultSessionPath()
{
    return assetsDir() / "sessions" / "astana.yaml";
}

Result<Session> loadSessionArgument(const std::string& path)
{
    return loadSessionFile(path.empty() ? defaultSessionPath() : std::filesystem::path(path));
}

} // namespace dragoman::cli
