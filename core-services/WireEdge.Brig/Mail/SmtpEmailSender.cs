using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using WireEdge.Brig.Configuration;

namespace WireEdge.Brig.Mail;

/// <summary>Sends e-mail through an SMTP relay with MailKit (one connection per message; brig sends few).</summary>
internal sealed class SmtpEmailSender(SmtpSettings settings) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var client = new SmtpClient();
        var security = settings.Security.ToUpperInvariant() switch
        {
            "NONE" => SecureSocketOptions.None,
            "STARTTLS" => SecureSocketOptions.StartTls,
            "TLS" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        await client.ConnectAsync(settings.Host ?? "localhost", settings.Port, security, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
    }
}
