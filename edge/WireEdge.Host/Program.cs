using WireEdge.Host;
using WireEdge.Hosting;

// dotnet run --project edge/WireEdge.Host                 all-in-one server (embedded defaults)
// dotnet run --project edge/WireEdge.Host -- --service brig   one service of the distributed topology
// dotnet run --project edge/WireEdge.Host -- migrate       apply migrations and exit
var migrateOnly = args.Length > 0 && args[0] == "migrate";
var hostArgs = migrateOnly ? args[1..] : args;
try
{
    await using var app = WireEdgeApp.Build(hostArgs, Modules.All());
    if (migrateOnly)
    {
        var applied = await WireEdgeApp.MigrateAsync(app);
        Console.WriteLine($"applied {applied.Count} migration(s)");
        return 0;
    }

    await WireEdgeApp.StartAsync(app);
    await app.WaitForShutdownAsync();
    return 0;
}
catch (Exception e) when (StartupError.Describe(e) is { } line)
{
    Console.Error.WriteLine("wireedge: " + line);
    return 2;
}
