#pragma once
// What a fuzz target asserts beyond "no crash": a property that must hold for every input the
// parser accepts (usually parse -> write -> parse gives the same). A failure aborts, which
// libFuzzer reports as a crash and saves the input.

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                      \
    do                                                                                             \
    {                                                                                              \
        if (!(condition))                                                                          \
        {                                                                                          \
            std::fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed\n", __FILE__, __LINE__,             \
                         #condition);                                                              \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)
