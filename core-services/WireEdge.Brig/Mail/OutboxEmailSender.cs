using MimeKit;

namespace WireEdge.Brig.Mail;

/// <summary>Writes each e-mail as an <c>.eml</c> file into a directory (the embedded stand-in for an SMTP relay).</summary>
internal sealed class OutboxEmailSender(string directory, TimeProvider time) : IEmailSender
{
    public string Directory { get; } = directory;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{time.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}.eml";
        var temp = Path.Combine(Directory, name + ".tmp");
        await message.WriteToAsync(temp, cancellationToken).ConfigureAwait(false);
        File.Move(temp, Path.Combine(Directory, name));
    }
}
