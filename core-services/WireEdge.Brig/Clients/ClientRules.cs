using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WireEdge.Contracts.Ids;

namespace WireEdge.Brig.Clients;

/// <summary>The rules of clients and prekeys (FACTS.md §6.4): ids, limits, accepted values.</summary>
public static class ClientRules
{
    /// <summary>The id of the last-resort prekey; it is never consumed.</summary>
    public const int LastPrekeyId = 65535;

    /// <summary>At most this many permanent clients per user (<c>setUserMaxPermClients</c>).</summary>
    public const int MaxPermanentClients = 7;

    /// <summary>At most this many prekeys in one request; real clients send about 100.</summary>
    public const int MaxPrekeysPerRequest = 1000;

    /// <summary>Bound on one prekey's base64 text (a Proteus PreKeyBundle is about 110 characters).</summary>
    public const int MaxPrekeyLength = 4096;

    public const int MaxTextLength = 256;

    public static readonly string[] Types = ["permanent", "temporary", "legalhold"];

    public static readonly string[] Classes = ["phone", "tablet", "desktop", "legalhold"];

    public static readonly string[] KnownCapabilities = ["legalhold-implicit-consent", "consumable-notifications"];

    /// <summary>
    /// The client id wire-server derives from the last-resort prekey: the first 8 bytes, big-endian,
    /// of SHA-256 over the UTF-8 bytes of the <c>lastkey.key</c> string (not the decoded key).
    /// </summary>
    public static ClientId ClientIdFromLastKey(string lastKey)
    {
        ArgumentNullException.ThrowIfNull(lastKey);
        var max = Encoding.UTF8.GetMaxByteCount(lastKey.Length);
        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var n = Encoding.UTF8.GetBytes(lastKey, rented);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(rented.AsSpan(0, n), hash);
            return new ClientId(BinaryPrimitives.ReadUInt64BigEndian(hash));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Validates prekeys (ids 0–65534, base64 keys, no duplicates, bounded count); null when valid.</summary>
    public static string? ValidatePrekeys(List<PrekeyBody?>? prekeys, out List<Prekey> valid)
    {
        valid = [];
        if (prekeys is null)
        {
            return null;
        }

        if (prekeys.Count > MaxPrekeysPerRequest)
        {
            return $"Too many prekeys (at most {MaxPrekeysPerRequest} per request)";
        }

        var seen = new HashSet<int>();
        foreach (var p in prekeys)
        {
            if (ValidatePrekey(p, allowLast: false, out var key) is { } error)
            {
                return error;
            }

            if (!seen.Add(key.Id))
            {
                return "Duplicate prekey id";
            }

            valid.Add(key);
        }

        return null;
    }

    public static string? ValidateLastKey(PrekeyBody? lastkey, out Prekey key)
    {
        key = new Prekey(0, string.Empty);
        if (lastkey is null)
        {
            return "Missing lastkey";
        }

        if (ValidatePrekey(lastkey, allowLast: true, out key) is { } error)
        {
            return error;
        }

        return key.Id == LastPrekeyId ? null : "Invalid last prekey ID";
    }

    private static string? ValidatePrekey(PrekeyBody? p, bool allowLast, out Prekey key)
    {
        key = new Prekey(0, string.Empty);
        if (p?.Id is not { } id || p.Key is not { } text)
        {
            return "Prekeys need an id and a key";
        }

        if (id < 0 || id > LastPrekeyId || (!allowLast && id == LastPrekeyId))
        {
            return "Prekey id out of range";
        }

        if (!IsBase64(text))
        {
            return "Prekey key is not valid base64";
        }

        key = new Prekey((int)id, text);
        return null;
    }

    private static bool IsBase64(string text)
    {
        if (text.Length == 0 || text.Length > MaxPrekeyLength)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[MaxPrekeyLength];
        return Convert.TryFromBase64String(text, buffer, out var n) && n > 0;
    }

    public static string? ValidateText(string? value, string field)
        => value is not null && (value.Length > MaxTextLength) ? $"{field} too long" : null;

    /// <summary>Capabilities in either form: <c>[...]</c> (v7+) or <c>{"capabilities":[...]}</c>; unknown names are dropped.</summary>
    public static bool TryParseCapabilities(JsonElement? element, out List<string> capabilities)
    {
        capabilities = [];
        if (element is not { } e || e.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        return ClientCapabilityParser.TryParse(e, out capabilities);
    }
}

internal static class ClientCapabilityParser
{
    public static bool TryParse(JsonElement e, out List<string> capabilities)
    {
        capabilities = [];
        if (e.ValueKind == JsonValueKind.Object)
        {
            if (!e.TryGetProperty("capabilities", out var inner))
            {
                return false;
            }

            e = inner;
        }

        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() > 32)
        {
            return false;
        }

        foreach (var item in e.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            var name = item.GetString();
            if (name is not null && Array.IndexOf(ClientRules.KnownCapabilities, name) >= 0 && !capabilities.Contains(name))
            {
                capabilities.Add(name);
            }
        }

        return true;
    }
}
