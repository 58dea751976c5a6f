using MimeKit;

namespace WireEdge.Brig.Mail;

/// <summary>The activation e-mail. Like wire-server's, it carries the code in <c>X-Zeta-Code</c> for automation.</summary>
internal static class ActivationMail
{
    public const string CodeHeader = "X-Zeta-Code";

    public static MimeMessage Create(string from, string to, string code)
    {
        var m = new MimeMessage();
        m.From.Add(MailboxAddress.Parse(from));
        m.To.Add(MailboxAddress.Parse(to));
        m.Subject = "Your Wire verification code";
        m.Headers.Add("X-Zeta-Purpose", "Activation");
        m.Headers.Add(CodeHeader, code);
        m.Body = new TextPart("plain")
        {
            Text = $"Your verification code is {code}.\n\nEnter it in Wire to verify your e-mail address. If you did not ask for it, ignore this e-mail.\n",
        };
        return m;
    }
}
