#include "CtlParams.h"

namespace dragoman::cli
{

namespace
{

nlohmann::json scalar(const std::string& text)
{
    const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_discarded() && (parsed.is_number() || parsed.is_boolean() || parsed.is_null()))
        return parsed;
    return text;
}

} // namespace

Result<nlohmann::json> parseCtlParams(const std::vector<std::string>& words)
{
    if (words.empty())
        return nlohmann::json{};
    if (words.front().starts_with('{'))
    {
        if (words.size() > 1)
            return Error{"a JSON object must be the only PARAMS word (quote it)"};
        nlohmann::json object = nlohmann::json::parse(words.front(), nullptr, false);
        if (object.is_discarded() || !object.is_object())
            return Error{"PARAMS '" + words.front() + "' is not a JSON object"};
        return object;
    }
    nlohmann::json object = nlohmann::json::object();
    for (const auto& word : words)
    {
        const auto equals = word.find('=');
        if (equals == std::string::npos || equals == 0)
            return Error{"PARAMS word '" + word + "' is not key=value (or give one JSON object)"};
        const std::string key = word.substr(0, equals);
        if (object.contains(key))
            return Error{"PARAMS key '" + key + "' given twice"};
        object[key] = scalar(word.substr(equals + 1));
    }
    return object;
}

} // namespace dragoman::cli
