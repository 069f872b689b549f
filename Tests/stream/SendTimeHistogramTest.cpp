// The fan-out timer's bins: four per octave from 1 us, percentiles read as a bin's upper edge.

#include "stream/SendTimeHistogram.h"

#include <catch2/catch.hpp>

using namespace dragoman;
using namespace std::chrono_literals;

TEST_CASE("Send times land in log-linear bins and read back as percentiles", "[stream][fanout]")
{
    SendTimeHistogram histogram;
    CHECK(SendTimeHistogram::percentileMicros(histogram.counts(), 0.99) == 0.0);
    for (int i = 0; i < 98; ++i)
        histogram.record(10us);
    histogram.record(1ms);
    histogram.record(1ms);
    const auto counts = histogram.counts();
    const double median = SendTimeHistogram::percentileMicros(counts, 0.50);
    const double p99 = SendTimeHistogram::percentileMicros(counts, 0.99);
    CHECK(median >= 10.0);
    CHECK(median < 10.0 * 1.19 * 1.01); // within one bin (a quarter octave) above
    CHECK(p99 >= 1000.0);
    CHECK(p99 < 1000.0 * 1.19 * 1.01);
    histogram.record(0ns); // below 1 us: the first bin
    histogram.record(1h);  // beyond 16 s: the last bin
    CHECK(histogram.counts().front() == 1);
    CHECK(histogram.counts().back() == 1);
}
