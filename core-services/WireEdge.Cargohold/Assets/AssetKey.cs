namespace WireEdge.Cargohold.Assets;

/// <summary>Asset keys: <c>3-&lt;retention digit&gt;-&lt;uuid&gt;</c>; only such keys are ever looked up.</summary>
public static class AssetKey
{
    public static string New(Retention retention) => $"3-{(int)retention}-{Guid.NewGuid():D}";

    public static bool IsValid(string? key)
        => key is { Length: 40 } && key[0] == '3' && key[1] == '-' && key[2] is >= '1' and <= '5' && key[3] == '-'
           && Guid.TryParseExact(key.AsSpan(4), "D", out var g) && key.AsSpan(4).SequenceEqual(g.ToString("D"));
}
