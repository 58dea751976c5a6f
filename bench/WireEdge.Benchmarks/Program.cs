using BenchmarkDotNet.Running;
using WireEdge.Benchmarks.AllocGate;

namespace WireEdge.Benchmarks;

/// <summary>
/// dotnet run -c Release --project bench/WireEdge.Benchmarks -- --filter '*'
/// Allocation gate: -- --alloc-check bench/baseline.json | --alloc-record bench/baseline.json [Class ...] (bench/check-alloc.sh)
/// </summary>
public static class BenchmarkEntry
{
    public static int Main(string[] args)
    {
        if (args is [("--alloc-check" or "--alloc-record") and var mode, var baseline, .. var classes])
        {
            return AllocationGate.Run(baseline, mode == "--alloc-record", classes);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
        return 0;
    }
}
