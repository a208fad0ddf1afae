using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Talus.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(System.Reflection.Assembly.GetExecutingAssembly()).Run(args);
