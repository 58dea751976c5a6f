using MimeKit;

namespace WireEdge.Brig.Mail;

/// <summary>Delivers brig's e-mails (activation codes): an outbox directory by default, SMTP when configured.</summary>
public interface IEmailSender
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default);
}
