using BenchmarkDotNet.Running;

namespace WireEdge.Benchmarks;

/// <summary>dotnet run -c Release --project bench/WireEdge.Benchmarks -- --filter '*'</summary>
public static class BenchmarkEntry
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
}
