using System.Text.Json;
using WireEdge.Brig.Internal;
using WireEdge.Contracts.Ids;
using WireEdge.Contracts.Time;

namespace WireEdge.Brig.Clients;

/// <summary>Renders stored clients as the API shows them.</summary>
public static class ClientViews
{
    /// <summary>API versions before this render capabilities as <c>{"capabilities":[...]}</c>.</summary>
    public const int PlainCapabilitiesSince = 7;

    public static ClientView ToView(StoredClient c, int apiVersion)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new ClientView
        {
            Id = c.Id,
            Type = c.Type,
            Time = WireTime.Millis(c.Created),
            Class = c.Class,
            Label = c.Label,
            Cookie = c.Cookie,
            Model = c.Model,
            Capabilities = new ClientCapabilities(c.Capabilities, apiVersion < PlainCapabilitiesSince),
            LastActive = c.LastActive is { } a ? WireTime.Millis(a) : null,
        };
    }

    /// <summary>The <c>user.client-add</c> payload (events use the current, plain-array form).</summary>
    public static byte[] AddedEvent(StoredClient c)
        => JsonSerializer.SerializeToUtf8Bytes([new ClientAddEvent { Client = ToView(c, int.MaxValue) }], DevicesJsonContext.Default.ClientAddEventArray);

    public static byte[] RemovedEvent(ClientId id)
        => JsonSerializer.SerializeToUtf8Bytes([new ClientRemoveEvent { Client = new ClientRef(id) }], DevicesJsonContext.Default.ClientRemoveEventArray);
}
