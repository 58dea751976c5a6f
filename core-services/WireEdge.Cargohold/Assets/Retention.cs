namespace WireEdge.Cargohold.Assets;

/// <summary>Asset retention classes (FACTS.md §8) and the digit each contributes to the key <c>3-&lt;digit&gt;-&lt;uuid&gt;</c>.</summary>
public enum Retention
{
    Eternal = 1,
    Persistent = 2,
    Volatile = 3,
    EternalInfrequentAccess = 4,
    Expiring = 5,
}

public static class RetentionText
{
    public static bool TryParse(string? text, out Retention retention)
    {
        switch (text)
        {
            case "eternal": retention = Retention.Eternal; return true;
            case "persistent" or null: retention = Retention.Persistent; return true;
            case "volatile": retention = Retention.Volatile; return true;
            case "eternal-infrequent_access": retention = Retention.EternalInfrequentAccess; return true;
            case "expiring": retention = Retention.Expiring; return true;
            default: retention = default; return false;
        }
    }

    /// <summary>How long an asset of this class lives; null = no expiry.</summary>
    public static TimeSpan? Lifetime(this Retention retention) => retention switch
    {
        Retention.Volatile => TimeSpan.FromDays(28),
        Retention.Expiring => TimeSpan.FromDays(365),
        _ => null,
    };
}
