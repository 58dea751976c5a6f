using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using WireEdge.Testing;

namespace WireEdge.Foundation.Tests.Hosting;

/// <summary>Bad configuration stops the server at start, naming the setting.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task UnknownStorageKind_FailsAtStart_NamingStorageKind()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => WireEdgeTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Storage:Kind"] = "cassandra" }));
        Assert.Contains("Storage:Kind", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DomainWithoutDot_FailsAtStart_NamingWireDomain()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => WireEdgeTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Wire:Domain"] = "localhost" }));
        Assert.Contains("Wire:Domain", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableKeyFile_FailsAtStart_NamingTheZauthSetting()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => WireEdgeTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Zauth:PublicKeys"] = "/nonexistent/public.keys",
            ["Zauth:PrivateKeys"] = "/nonexistent/secret.keys",
        }));
        Assert.Contains("Zauth:PublicKeys", string.Join(";", e.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortInUse_FailsAtStart_WithAddressInUse()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        var e = await Assert.ThrowsAnyAsync<IOException>(() => WireEdgeTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Listen:InternalPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.Contains("address already in use", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
