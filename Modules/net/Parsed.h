#pragma once
// A parsed value or the reason it was refused. Parsers at the network edge return this instead of
// throwing: a bad packet is a counted event, not an exceptional one. Unlike core's Result, the
// error is any type (an enum for packets, so that refusing one never allocates).
//
// Threads: a plain value; any thread. Real-time safe when T and E are trivially copyable.

#include <type_traits>
#include <utility>
#include <variant>

namespace dragoman
{

template <typename T, typename E> class Parsed
{
    static_assert(!std::is_same_v<T, E>, "value and error must be told apart by type");

public:
    Parsed(T value) noexcept(std::is_nothrow_move_constructible_v<T>)
        : state(std::in_place_index<0>, std::move(value))
    {
    }
    Parsed(E error) noexcept(std::is_nothrow_move_constructible_v<E>)
        : state(std::in_place_index<1>, std::move(error))
    {
    }

    bool ok() const noexcept { return state.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    // Only after ok() said so.
    T& value() noexcept { return *std::get_if<0>(&state); }
    const T& value() const noexcept { return *std::get_if<0>(&state); }
    T* operator->() noexcept { return std::get_if<0>(&state); }
    const T* operator->() const noexcept { return std::get_if<0>(&state); }
    T& operator*() noexcept { return value(); }
    const T& operator*() const noexcept { return value(); }

    // Only after ok() said no.
    const E& error() const noexcept { return *std::get_if<1>(&state); }

private:
    std::variant<T, E> state;
};

} // namespace dragoman
