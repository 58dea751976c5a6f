using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using WireEdge.Brig.Configuration;
using WireEdge.Brig.Mail;
using WireEdge.Hosting.Options;

namespace WireEdge.Brig.Accounts;

/// <summary>Creates e-mail activation codes and sends them.</summary>
public sealed partial class ActivationService(
    IActivationStore store,
    IEmailSender sender,
    IOptions<BrigOptions> brig,
    IOptions<WireOptions> wire,
    TimeProvider time,
    ILogger<ActivationService> logger)
{
    /// <summary>Stores a new six-digit code for <paramref name="email"/> and e-mails it; false when the address cannot be mailed.</summary>
    public async Task<bool> SendCodeAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        MimeMessage message;
        try
        {
            message = ActivationMail.Create(brig.Value.EmailSender ?? $"noreply@{wire.Value.Domain}", email, code);
        }
        catch (ParseException)
        {
            return false;
        }

        var expires = time.GetUtcNow().AddSeconds(brig.Value.ActivationCodeTimeoutSeconds).ToUnixTimeMilliseconds();
        await store.PutAsync(Validation.EmailKey(email), code, expires, cancellationToken).ConfigureAwait(false);
        try
        {
            await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSendFailed(logger, e);
            throw;
        }

        return true;
    }

    /// <summary>Checks a code for an e-mail address (counting wrong guesses).</summary>
    public Task<ActivationCheck> CheckAsync(string email, string code, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        return store.CheckAsync(Validation.EmailKey(email), code, time.GetUtcNow().ToUnixTimeMilliseconds(), brig.Value.ActivationCodeMaxAttempts, dryRun, cancellationToken);
    }

    public Task ConsumeAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        return store.DeleteAsync(Validation.EmailKey(email), cancellationToken);
    }

    [LoggerMessage(EventId = 5200, Level = LogLevel.Error, Message = "Sending an activation e-mail failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception);
}
