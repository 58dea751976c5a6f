using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WireEdge.LoadTests.Core;

/// <summary>Configuration of one run (from a profile, overridden by the command line).</summary>
public sealed class RunOptions
{
    public string Scenario { get; set; } = "";
    public string Profile { get; set; } = "";
    public Uri Target { get; set; } = new("http://127.0.0.1:8080");
    public Uri Internal { get; set; } = new("http://127.0.0.1:8085");
    public string Model { get; set; } = "closed";
    public int Users { get; set; } = 8;
    public double Rate { get; set; } = 10;
    public double RampSeconds { get; set; }
    public double WarmupSeconds { get; set; }
    public double DurationSeconds { get; set; } = 10;
    public long MaxIterations { get; set; } = long.MaxValue;
    public int MaxConnections { get; set; } = 18_000;
    public int MaxInFlight { get; set; } = 1_000;
    public List<string> Thresholds { get; set; } = [];
    public Dictionary<string, double> Params { get; set; } = new(StringComparer.Ordinal);
    public string OutDir { get; set; } = "loadtests/results";
    public bool NoProgress { get; set; }
    public bool AllowRemote { get; set; }

    /// <summary>This process's index among <see cref="Workers"/> runner processes sharing one scenario (0-based).</summary>
    public int Worker { get; set; }

    public int Workers { get; set; } = 1;

    /// <summary>Local address the scenario's sockets bind to (e.g. 127.0.0.2), so several runner processes on one
    /// host each get their own ephemeral-port range towards one target; null = the OS's choice.</summary>
    public IPAddress? SourceAddress { get; set; }

    /// <summary>After setup, print <c>wireedge-load: ready</c> and wait for a line on stdin before the load starts
    /// (set by the <c>--processes</c> parent so that all workers start together).</summary>
    public bool Barrier { get; set; }

    /// <summary>Makes this process worker <paramref name="index"/> of <paramref name="count"/>: it takes its share of
    /// the users (connections, accounts of the closed model) and of the open model's rate; bounds stay per process.</summary>
    public void SplitForWorker(int index, int count)
    {
        if (count < 1 || index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"worker {index}/{count}: want 0 <= index < count");
        }

        Worker = index;
        Workers = count;
        Users = Share(Users, index, count);
        Rate /= count;
        if (MaxIterations != long.MaxValue)
        {
            MaxIterations = Share(MaxIterations, index, count);
        }
    }

    /// <summary>The index-th of <paramref name="count"/> near-equal parts of <paramref name="total"/> (parts sum to the total).</summary>
    public static int Share(int total, int index, int count) => (int)Share((long)total, index, count);

    public static long Share(long total, int index, int count) => (total / count) + (index < total % count ? 1 : 0);

    public int Param(string name, int fallback) =>
        Params.TryGetValue(name, out var v) ? (int)v : fallback;

    public double ParamD(string name, double fallback) =>
        Params.TryGetValue(name, out var v) ? v : fallback;

    /// <summary>Hard ceilings: never more than one hour of load, 50,000 users or 100,000 iterations/s.</summary>
    public string? Validate()
    {
        if (Model is not ("closed" or "open"))
        {
            return "model must be 'closed' or 'open'";
        }

        if (DurationSeconds is <= 0 or > 3600 || WarmupSeconds is < 0 or > 600 || RampSeconds < 0)
        {
            return "duration must be in (0, 3600] s, warm-up in [0, 600] s";
        }

        if (Users is < 1 or > 50_000 || Rate is <= 0 or > 100_000 || MaxConnections is < 1 or > 19_000)
        {
            return "users must be 1..50000, rate 0..100000/s, max-connections 1..19000 (descriptor limit)";
        }

        if (!AllowRemote && (!IsLoopback(Target) || !IsLoopback(Internal)))
        {
            return $"targets must be loopback ({Target.Host}, {Internal.Host}); pass --allow-remote to load another host";
        }

        return null;
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"scenario={Scenario} profile={Profile} model={Model} users={Users} rate={Rate}/s ramp={RampSeconds}s warmup={WarmupSeconds}s duration={DurationSeconds}s max-iterations={(MaxIterations == long.MaxValue ? "none" : MaxIterations.ToString(CultureInfo.InvariantCulture))} max-connections={MaxConnections}{(Workers <= 1 ? "" : Worker < 0 ? $" workers={Workers} (merged)" : $" worker={Worker}/{Workers}")}{(SourceAddress is null ? "" : $" source={SourceAddress}")} target={Target} internal={Internal} params={string.Join(',', Params.Select(p => $"{p.Key}={p.Value}"))}");

    /// <summary>Reads <c>{"scenarios":{"name":{...}}}</c> from a profile file and applies the named scenario's entry.</summary>
    public static ProfileEntry? LoadProfile(string path, string scenario)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize(stream, LoadJsonContext.Default.ProfileFile);
        return file?.Scenarios is { } s && s.TryGetValue(scenario, out var e) ? e : null;
    }

    public void Apply(ProfileEntry e)
    {
        Model = e.Model ?? Model;
        Users = e.Users ?? Users;
        Rate = e.Rate ?? Rate;
        RampSeconds = e.Ramp ?? RampSeconds;
        WarmupSeconds = e.Warmup ?? WarmupSeconds;
        DurationSeconds = e.Duration ?? DurationSeconds;
        MaxIterations = e.MaxIterations ?? MaxIterations;
        MaxConnections = e.MaxConnections ?? MaxConnections;
        MaxInFlight = e.MaxInFlight ?? MaxInFlight;
        if (e.Thresholds is { } t)
        {
            Thresholds.AddRange(t);
        }

        if (e.Params is { } p)
        {
            foreach (var kv in p)
            {
                Params[kv.Key] = kv.Value;
            }
        }
    }
}

public sealed class ProfileFile
{
    public string? Description { get; set; }
    public Dictionary<string, ProfileEntry>? Scenarios { get; set; }
}

public sealed class ProfileEntry
{
    public string? Model { get; set; }
    public int? Users { get; set; }
    public double? Rate { get; set; }
    public double? Ramp { get; set; }
    public double? Warmup { get; set; }
    public double? Duration { get; set; }
    [JsonPropertyName("max_iterations")]
    public long? MaxIterations { get; set; }
    [JsonPropertyName("max_connections")]
    public int? MaxConnections { get; set; }
    [JsonPropertyName("max_in_flight")]
    public int? MaxInFlight { get; set; }
    public List<string>? Thresholds { get; set; }
    public Dictionary<string, double>? Params { get; set; }
}
