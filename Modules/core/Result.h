#pragma once
// A value or an error message: how edges (session files, commands, WAV files) report bad input
// without exceptions crossing module boundaries. C++20 has no std::expected yet.

#include <string>
#include <utility>
#include <variant>

namespace dragoman
{

struct Error
{
    std::string message;
};

template <typename T> class Result
{
public:
    Result(T value) : state(std::move(value)) {}
    Result(Error error) : state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state); }
    explicit operator bool() const { return ok(); }

    T& value() { return std::get<T>(state); }
    const T& value() const { return std::get<T>(state); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }

    const std::string& error() const { return std::get<Error>(state).message; }

private:
    std::variant<T, Error> state;
};

} // namespace dragoman
