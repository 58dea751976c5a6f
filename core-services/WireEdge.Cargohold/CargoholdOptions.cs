using System.ComponentModel.DataAnnotations;

namespace WireEdge.Cargohold;

/// <summary>Configuration section <c>Cargohold</c> (names follow wire-server's cargohold settings).</summary>
public sealed class CargoholdOptions
{
    public const string Section = "Cargohold";

    /// <summary><c>local</c> (a directory; cargohold serves the signed URLs itself) or <c>s3</c>.</summary>
    [RegularExpression("^(?i)(local|s3)$", ErrorMessage = "Cargohold:Backend must be local or s3")]
    public string Backend { get; set; } = "local";

    /// <summary>Directory of the local backend; default <c>&lt;Wire:DataDirectory&gt;/assets</c>.</summary>
    public string? LocalDirectory { get; set; }

    /// <summary>Lifetime of a download URL in seconds (wire-server <c>downloadLinkTTL</c>).</summary>
    [Range(1, 86400)]
    public int DownloadLinkTTL { get; set; } = 300;

    /// <summary>Largest asset of team members, bots and providers (wire-server <c>maxTotalBytes</c>).</summary>
    [Range(1, long.MaxValue)]
    public long MaxTotalBytes { get; set; } = 104857632;

    /// <summary>Largest asset of personal users (wire-server <c>maxTotalBytesStrict</c>).</summary>
    [Range(1, long.MaxValue)]
    public long MaxTotalBytesStrict { get; set; } = 26214432;

    /// <summary>How often expired assets are swept, in seconds.</summary>
    [Range(1, 86400)]
    public int SweepIntervalSeconds { get; set; } = 300;

    public S3Options S3 { get; set; } = new();
}

/// <summary>Configuration section <c>Cargohold:S3</c>.</summary>
public sealed class S3Options
{
    public string? Endpoint { get; set; }

    public string Bucket { get; set; } = "assets";

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    public string Region { get; set; } = "us-east-1";

    public bool ForcePathStyle { get; set; } = true;
}
