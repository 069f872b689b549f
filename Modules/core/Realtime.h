#pragma once
// DRAGOMAN_NONBLOCKING marks functions that run on the audio thread. Clang (>= 20) then checks
// with -Wfunction-effects that they neither allocate, lock nor call unknown code, and
// RealtimeSanitizer (-fsanitize=realtime) traps such calls at run time. Other compilers ignore it.
//
// Place it after noexcept, on the declaration and on the definition:
//     void process(float* buf, int n) noexcept DRAGOMAN_NONBLOCKING;

#if defined(__has_cpp_attribute)
#if __has_cpp_attribute(clang::nonblocking)
#define DRAGOMAN_NONBLOCKING [[clang::nonblocking]]
#endif
#endif

#ifndef DRAGOMAN_NONBLOCKING
#define DRAGOMAN_NONBLOCKING
#endif
