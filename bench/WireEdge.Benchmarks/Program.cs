using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/WireEdge.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
