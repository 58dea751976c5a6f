using System.Diagnostics;
using System.Text.Json.Nodes;

namespace WireEdge.Zauth.Tests.NodeInterop;

/// <summary>Runs interop/zauth-interop.mjs under <c>node</c> (Node's built-in Ed25519, an independent implementation).</summary>
internal static class NodeEd25519
{
    public static JsonArray Run(JsonArray requests)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "interop", "zauth-interop.mjs");
        var psi = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start node");
        process.StandardInput.Write(requests.ToJsonString());
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            throw new TimeoutException("node did not finish");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node failed ({process.ExitCode}): {stderr.Result}");
        }

        return JsonNode.Parse(stdout)!.AsArray();
    }

    public static (string Public, string Secret) KeyGen()
    {
        var r = Run([new JsonObject { ["op"] = "keygen" }])[0]!;
        return ((string)r["public"]!, (string)r["secret"]!);
    }

    public static JsonObject Sign(string secret, string data) => new() { ["op"] = "sign", ["secret"] = secret, ["data"] = data };

    public static JsonObject Verify(string pub, string token) => new() { ["op"] = "verify", ["public"] = pub, ["token"] = token };
}
