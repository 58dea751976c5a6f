using System.Globalization;

namespace WireEdge.Contracts.Time;

/// <summary>Wire's time renderings: <c>UTCTimeMillis</c> (<c>2024-05-01T12:34:56.789Z</c>) and seconds precision.</summary>
public static class WireTime
{
    public const string MillisFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    public const string SecondsFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string Millis(DateTimeOffset time) => time.UtcDateTime.ToString(MillisFormat, CultureInfo.InvariantCulture);

    public static string Seconds(DateTimeOffset time) => time.UtcDateTime.ToString(SecondsFormat, CultureInfo.InvariantCulture);

    /// <summary>Truncates to whole milliseconds, as stored and rendered.</summary>
    public static DateTimeOffset TruncateToMillis(DateTimeOffset time)
        => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    public static bool TryParse(string? text, out DateTimeOffset time)
        => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
