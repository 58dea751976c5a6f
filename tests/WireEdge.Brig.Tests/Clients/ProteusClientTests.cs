using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace WireEdge.Brig.Tests.Clients;

/// <summary>
/// Registers a client with real prekey bundles made by the official <c>@wireapp/proteus</c> 9.13.0
/// (tests/WireEdge.Brig.Tests/proteus) and checks the client id wire-server would derive.
/// </summary>
public abstract class ProteusClientTests(DeviceHost host)
{
    private const string D = DeviceHost.Domain;

    [Fact]
    public async Task PostClient_WithRealProteusPrekeys_IdIsSha256OfLastKeyString()
    {
        var generated = await ProteusFixture.MakePrekeysAsync(20);
        var lastKey = generated["lastkey"]!["key"]!.GetValue<string>();
        var user = await host.RegisterAsync();
        var body = new JsonObject
        {
            ["type"] = "permanent",
            ["class"] = "desktop",
            ["cookie"] = "webapp@1",
            ["label"] = "Chrome",
            ["capabilities"] = new JsonArray("legalhold-implicit-consent"),
            ["lastkey"] = generated["lastkey"]!.DeepClone(),
            ["prekeys"] = generated["prekeys"]!.DeepClone(),
        };
        var client = await host.JsonAsync(HttpMethod.Post, "/clients", user, body, HttpStatusCode.Created);

        // wire-server: first 8 bytes (big-endian) of SHA-256 over the UTF-8 bytes of lastkey.key, lowercase hex without leading zeros.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(lastKey));
        var expected = BinaryPrimitives.ReadUInt64BigEndian(hash).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        var id = client["id"]!.GetValue<string>();
        Assert.Equal(expected, id);
        Assert.DoesNotMatch("^0", id);

        var claimer = await host.RegisterAsync("Bob");
        var claimed = await host.JsonAsync(HttpMethod.Get, $"/users/{D}/{user.Id}/prekeys/{id}", claimer);
        Assert.Equal(generated["prekeys"]![0]!["key"]!.GetValue<string>(), claimed["prekey"]!["key"]!.GetValue<string>());
        Assert.Equal(0, claimed["prekey"]!["id"]!.GetValue<int>());
    }
}

public sealed class ProteusClientSqliteTests(SqliteDeviceHost host) : ProteusClientTests(host), IClassFixture<SqliteDeviceHost>;

public sealed class ProteusClientPostgresTests(PostgresDeviceHost host) : ProteusClientTests(host), IClassFixture<PostgresDeviceHost>;

/// <summary>Runs the Node script of the proteus fixture project (installing it with <c>npm ci</c> when needed).</summary>
public static class ProteusFixture
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static string Directory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WireEdge.sln")))
            {
                dir = dir.Parent;
            }

            // The artifacts may live outside the repository (--artifacts-path): fall back to the source location.
            var root = dir?.FullName ?? Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "..", ".."));
            return Path.Combine(root, "tests", "WireEdge.Brig.Tests", "proteus");
        }
    }

    public static async Task<JsonNode> MakePrekeysAsync(int count)
    {
        var dir = Directory;
        await InstallLock.WaitAsync();
        try
        {
            if (!System.IO.Directory.Exists(Path.Combine(dir, "node_modules", "@wireapp", "proteus")))
            {
                var (code, _, err) = await RunAsync("npm", dir, "ci", "--no-audit", "--no-fund", "--loglevel=error");
                Assert.True(code == 0, $"npm ci in {dir} failed ({code}): {err}");
            }
        }
        finally
        {
            InstallLock.Release();
        }

        var (exit, stdout, stderr) = await RunAsync("node", dir, "make-prekeys.js", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(exit == 0, $"node make-prekeys.js failed ({exit}): {stderr}");
        return JsonNode.Parse(stdout)!;
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, string dir, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
