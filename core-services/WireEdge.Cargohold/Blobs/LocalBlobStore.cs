using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WireEdge.Cargohold.Blobs;

/// <summary>
/// Assets as files in a directory. Download URLs point at cargohold itself
/// (<c>/cargohold/download/&lt;key&gt;?exp=&amp;sig=</c>), signed with HMAC-SHA256 and checked for
/// signature and expiry when served.
/// </summary>
public sealed class LocalBlobStore(string directory, byte[] signingKey, TimeProvider time) : IAssetBlobStore
{
    public const string DownloadPrefix = "/cargohold/download/";

    public string Directory { get; } = System.IO.Directory.CreateDirectory(directory).FullName;

    public async Task PutAsync(string key, Stream content, long length, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var final = PathOf(key);
        var temp = final + ".part-" + Guid.NewGuid().ToString("N");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                await StreamCopy.CopyExactlyAsync(content, file, length, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, final, overwrite: false);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public string DownloadUrl(string key, TimeSpan ttl)
    {
        var exp = time.GetUtcNow().Add(ttl).ToUnixTimeSeconds();
        return $"{DownloadPrefix}{key}?exp={exp.ToString(CultureInfo.InvariantCulture)}&sig={Sign(key, exp)}";
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    /// <summary>Opens an asset for a signed download, or null when the signature is wrong, the link expired or the file is gone.</summary>
    public FileStream? OpenSigned(string key, string? exp, string? sig)
    {
        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expires) || sig is null)
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(key, expires));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sig)) || time.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            return null;
        }

        try
        {
            return new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private string PathOf(string key) => Path.Combine(Directory, key);

    private string Sign(string key, long exp)
    {
        var mac = HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(key + "\n" + exp.ToString(CultureInfo.InvariantCulture)));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
