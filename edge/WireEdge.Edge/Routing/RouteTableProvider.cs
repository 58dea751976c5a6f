using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WireEdge.Edge.Limits;
using WireEdge.Edge.Observability;

namespace WireEdge.Edge.Routing;

/// <summary>
/// Holds the current <see cref="RouteTable"/>: loaded at start (invalid → <see cref="OptionsValidationException"/>),
/// reloaded when the file changes. A reload swaps the table reference atomically; requests in flight
/// and open websockets keep the route they matched. An invalid new file is logged and ignored.
/// </summary>
public sealed partial class RouteTableProvider : IDisposable
{
    public const string DefaultFileName = "edge-routes.json";

    private readonly RateLimiter limiter;
    private readonly EdgeMetrics metrics;
    private readonly ILogger<RouteTableProvider> logger;
    private readonly FileSystemWatcher? watcher;
    private readonly Timer debounce;
    private RouteTable current;

    public RouteTableProvider(IOptions<EdgeOptions> options, RateLimiter limiter, EdgeMetrics metrics, ILogger<RouteTableProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.limiter = limiter;
        this.metrics = metrics;
        this.logger = logger;
        var configured = options.Value.RoutesFile;
        FilePath = string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, DefaultFileName) : Path.GetFullPath(configured);
        if (!string.IsNullOrWhiteSpace(configured) && !File.Exists(FilePath))
        {
            throw new OptionsValidationException("Edge:RoutesFile", typeof(string), [$"Edge:RoutesFile: cannot read '{FilePath}': file not found"]);
        }

        current = Load(out var errors) ?? throw new OptionsValidationException("Edge:RoutesFile", typeof(RouteFile), errors);
        debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        if (File.Exists(FilePath))
        {
            watcher = new FileSystemWatcher(Path.GetDirectoryName(FilePath)!, Path.GetFileName(FilePath))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => debounce.Change(150, Timeout.Infinite);
            watcher.Created += (_, _) => debounce.Change(150, Timeout.Infinite);
            watcher.Renamed += (_, _) => debounce.Change(150, Timeout.Infinite);
            watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>The file the table comes from (may not exist: then the embedded default is used).</summary>
    public string FilePath { get; }

    /// <summary>The table in force.</summary>
    public RouteTable Current => Volatile.Read(ref current);

    /// <summary>Number of successful reloads since start.</summary>
    public int Reloads { get; private set; }

    /// <summary>Reloads now; false (old table kept) when the file is invalid.</summary>
    public bool Reload()
    {
        var table = Load(out var errors);
        if (table is null)
        {
            LogReloadFailed(logger, FilePath, string.Join("; ", errors));
            return false;
        }

        Volatile.Write(ref current, table);
        Reloads++;
        LogReloaded(logger, FilePath, table.Routes.Count);
        return true;
    }

    public void Dispose()
    {
        watcher?.Dispose();
        debounce.Dispose();
    }

    private RouteTable? Load(out List<string> errors)
    {
        string json;
        string source;
        try
        {
            if (File.Exists(FilePath))
            {
                json = ReadShared(FilePath);
                source = FilePath;
            }
            else
            {
                using var s = typeof(RouteTableProvider).Assembly.GetManifestResourceStream(DefaultFileName)
                    ?? throw new FileNotFoundException("embedded route table missing", DefaultFileName);
                using var r = new StreamReader(s);
                json = r.ReadToEnd();
                source = "embedded " + DefaultFileName;
            }
        }
        catch (IOException e)
        {
            errors = [$"Edge:RoutesFile: cannot read '{FilePath}': {e.Message}"];
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            errors = [$"Edge:RoutesFile: cannot read '{FilePath}': {e.Message}"];
            return null;
        }

        return RouteTableCompiler.Compile(json, source, limiter.Zones, metrics, out errors);
    }

    private static string ReadShared(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var r = new StreamReader(fs);
                return r.ReadToEnd();
            }
            catch (IOException) when (attempt < 3)
            {
                Thread.Sleep(50);
            }
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "edge route table reloaded from {File}: {Count} routes")]
    private static partial void LogReloaded(ILogger logger, string file, int count);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "edge route table in {File} is invalid, keeping the previous table: {Errors}")]
    private static partial void LogReloadFailed(ILogger logger, string file, string errors);
}
