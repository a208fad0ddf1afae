using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Talus.Bench;

/// <summary>The default columns and the 95th percentile (PERFORMANCE.md's latency targets are p95).</summary>
public sealed class Percentiles : ManualConfig
{
    public Percentiles() => AddColumn(StatisticColumn.P95);
}
