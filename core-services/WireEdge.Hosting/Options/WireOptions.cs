using System.ComponentModel.DataAnnotations;

namespace WireEdge.Hosting.Options;

/// <summary>Configuration section <c>Wire</c>: what this backend is.</summary>
public sealed class WireOptions
{
    public const string Section = "Wire";

    /// <summary>The backend domain; must be a dotted name with an alphabetic TLD (the official client requires it).</summary>
    [Required]
    [RegularExpression(@"^([a-zA-Z0-9]+(-[a-zA-Z0-9]+)*\.)+[a-zA-Z]{2,}$", ErrorMessage = "Wire:Domain must be a dotted domain name such as wire.example.com")]
    public string Domain { get; set; } = "wire.example.com";

    /// <summary>Directory for embedded state: SQLite file, generated keys, assets, e-mail outbox.</summary>
    [Required]
    public string DataDirectory { get; set; } = ".wireedge";

    /// <summary>The versions served when <see cref="SupportedApiVersions"/> is not configured.</summary>
    public static readonly int[] DefaultSupportedApiVersions = [0, 1, 2, 3, 4, 5, 6, 7, 8];

    /// <summary>
    /// API versions this backend serves (FACTS.md §3); null means <see cref="DefaultSupportedApiVersions"/>.
    /// (No inline default: configuration binding would merge into it instead of replacing it.)
    /// </summary>
    public int[]? SupportedApiVersions { get; set; }

    /// <summary>Development versions: served, advertised under <c>development</c>.</summary>
    public int[] DevelopmentApiVersions { get; set; } = [];

    /// <summary>Whether <c>/api-version</c> reports federation.</summary>
    public bool Federation { get; set; }
}
