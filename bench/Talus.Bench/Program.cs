using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Talus.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
