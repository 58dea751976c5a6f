using System.CommandLine;
using System.Globalization;
using WireEdge.LoadTests.Compare;
using WireEdge.LoadTests.Core;
using WireEdge.LoadTests.Reports;
using WireEdge.LoadTests.Scenarios;

if (args is ["compare", ..])
{
    return await CompareCommand.RunAsync(args[1..]).ConfigureAwait(false);
}

if (args is ["merge", ..])
{
    return await MergeCommand.RunAsync(args[1..]).ConfigureAwait(false);
}

var scenarioArg = new Argument<string>("scenario") { Description = $"one of: {string.Join(", ", ScenarioCatalog.Names)}" };
var profile = new Option<string?>("--profile") { Description = "profile name (ci, soak) or path to a profile JSON file" };
var target = new Option<string?>("--target") { Description = "public base URL (default http://127.0.0.1:8080)" };
var internalUrl = new Option<string?>("--internal") { Description = "internal base URL for /i/push/v2 (default http://127.0.0.1:8085)" };
var model = new Option<string?>("--model") { Description = "closed (N users) or open (R iterations/s)" };
var users = new Option<int?>("--users") { Description = "virtual users (closed) / accounts (open)" };
var rate = new Option<double?>("--rate") { Description = "iterations per second (open model)" };
var ramp = new Option<double?>("--ramp") { Description = "ramp-up seconds" };
var warmup = new Option<double?>("--warmup") { Description = "warm-up seconds, excluded from statistics" };
var duration = new Option<double?>("--duration") { Description = "measured seconds (hard bound)" };
var maxIterations = new Option<long?>("--max-iterations") { Description = "hard bound on iterations" };
var maxConnections = new Option<int?>("--max-connections") { Description = "hard bound on open websockets (<= 19000)" };
var thresholds = new Option<string[]>("--threshold") { Description = "e.g. \"p99<10ms\", \"errors<0.1%\", \"missing==0\" (repeatable)" };
var parameters = new Option<string[]>("--param") { Description = "scenario parameter name=value (repeatable)" };
var outDir = new Option<string?>("--out") { Description = "report directory (default loadtests/results)" };
var noProgress = new Option<bool>("--no-progress") { Description = "no live console progress (also when CI=true)" };
var allowRemote = new Option<bool>("--allow-remote") { Description = "allow non-loopback targets" };
var worker = new Option<string?>("--worker") { Description = "i/N: run as worker i (0-based) of N processes sharing the scenario (users and rate split; combine with `merge`)" };
var processes = new Option<int?>("--processes") { Description = "run the scenario in N worker processes and merge their reports (thresholds on the merged result)" };
var sourceAddress = new Option<string?>("--source-address") { Description = "local address the sockets bind to (e.g. 127.0.0.2)" };
var barrier = new Option<bool>("--barrier") { Description = "after setup print 'wireedge-load: ready' and wait for a line on stdin (set by --processes)" };

var root = new RootCommand("wireedge-load: load-test runner for WireEdge (scenarios, thresholds, Markdown/HTML/CSV/JSON reports)")
{
    scenarioArg, profile, target, internalUrl, model, users, rate, ramp, warmup, duration, maxIterations, maxConnections,
    thresholds, parameters, outDir, noProgress, allowRemote, worker, processes, sourceAddress, barrier,
};

root.SetAction(async (parse, ct) =>
{
    var name = parse.GetValue(scenarioArg)!;
    var scenario = ScenarioCatalog.Create(name);
    if (scenario is null)
    {
        await Console.Error.WriteLineAsync($"unknown scenario '{name}'; known: {string.Join(", ", ScenarioCatalog.Names)}").ConfigureAwait(false);
        return 2;
    }

    var o = new RunOptions { Scenario = name };
    if (parse.GetValue(profile) is { } p)
    {
        var path = ProfilePath(p);
        if (path is null)
        {
            await Console.Error.WriteLineAsync($"profile '{p}' not found").ConfigureAwait(false);
            return 2;
        }

        var entry = RunOptions.LoadProfile(path, name);
        if (entry is null)
        {
            await Console.Error.WriteLineAsync($"profile '{path}' has no entry for scenario '{name}'").ConfigureAwait(false);
            return 2;
        }

        o.Profile = Path.GetFileNameWithoutExtension(path);
        o.Apply(entry);
    }

    if (parse.GetValue(target) is { } t)
    {
        o.Target = new Uri(t);
    }

    if (parse.GetValue(internalUrl) is { } i)
    {
        o.Internal = new Uri(i);
    }

    o.Model = parse.GetValue(model) ?? o.Model;
    o.Users = parse.GetValue(users) ?? o.Users;
    o.Rate = parse.GetValue(rate) ?? o.Rate;
    o.RampSeconds = parse.GetValue(ramp) ?? o.RampSeconds;
    o.WarmupSeconds = parse.GetValue(warmup) ?? o.WarmupSeconds;
    o.DurationSeconds = parse.GetValue(duration) ?? o.DurationSeconds;
    o.MaxIterations = parse.GetValue(maxIterations) ?? o.MaxIterations;
    o.MaxConnections = parse.GetValue(maxConnections) ?? o.MaxConnections;
    o.OutDir = parse.GetValue(outDir) ?? o.OutDir;
    o.NoProgress = parse.GetValue(noProgress);
    o.AllowRemote = parse.GetValue(allowRemote);
    o.Barrier = parse.GetValue(barrier);
    if (parse.GetValue(sourceAddress) is { } src)
    {
        if (!System.Net.IPAddress.TryParse(src, out var ip))
        {
            await Console.Error.WriteLineAsync($"bad --source-address '{src}'").ConfigureAwait(false);
            return 2;
        }

        o.SourceAddress = ip;
    }
    if (parse.GetValue(thresholds) is { Length: > 0 } th)
    {
        o.Thresholds = [.. th];
    }

    foreach (var kv in parse.GetValue(parameters) ?? [])
    {
        var eq = kv.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || !double.TryParse(kv[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            await Console.Error.WriteLineAsync($"bad --param '{kv}' (want name=number)").ConfigureAwait(false);
            return 2;
        }

        o.Params[kv[..eq]] = v;
    }

    if (parse.GetValue(worker) is { } w)
    {
        var slash = w.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !int.TryParse(w[..slash], CultureInfo.InvariantCulture, out var wi) || !int.TryParse(w[(slash + 1)..], CultureInfo.InvariantCulture, out var wn)
            || wn < 1 || wi < 0 || wi >= wn)
        {
            await Console.Error.WriteLineAsync($"bad --worker '{w}' (want i/N with 0 <= i < N)").ConfigureAwait(false);
            return 2;
        }

        o.SplitForWorker(wi, wn);
    }

    var problem = o.Validate() ?? o.Thresholds.Select(Thresholds.Check).FirstOrDefault(x => x is not null);
    if (problem is not null)
    {
        await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
        return 2;
    }

    if (parse.GetValue(processes) is > 1 and var n)
    {
        return await MultiProcess.RunAndMergeAsync(o, args, n, ct).ConfigureAwait(false);
    }

    Console.WriteLine($"wireedge-load: {o.Describe()}");
    var run = new RunContext(o);
    var started = DateTimeOffset.UtcNow;
    try
    {
        await Runner.RunAsync(scenario, run, ct).ConfigureAwait(false);
    }
    catch (Exception e) when (e is ScenarioSetupException or HttpRequestException)
    {
        await Console.Error.WriteLineAsync($"setup failed: {e.Message}").ConfigureAwait(false);
        return 2;
    }

    var oracle = run.Oracle.Used ? run.Oracle.Summary() : null;
    // A worker's share alone says nothing about the thresholds: they are evaluated on the merged report.
    var results = o.Workers > 1 ? [] : Thresholds.Evaluate(o.Thresholds, run, oracle, o.DurationSeconds);
    if (o.Workers > 1)
    {
        Console.WriteLine($"worker {o.Worker}/{o.Workers}: thresholds are evaluated on the merged report (wireedge-load merge)");
    }

    return ResultOutput.WriteAndPrint(new Report(o, run, oracle, results, started, DateTimeOffset.UtcNow));
});

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);

static string? ProfilePath(string p)
{
    if (File.Exists(p))
    {
        return p;
    }

    foreach (var dir in new[] { Path.Combine(AppContext.BaseDirectory, "profiles"), Path.Combine("loadtests", "profiles"), "profiles" })
    {
        var candidate = Path.Combine(dir, p + ".json");
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    return null;
}
