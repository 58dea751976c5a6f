using System.ComponentModel.DataAnnotations;

namespace WireEdge.Brig.Configuration;

/// <summary>Configuration section <c>Brig</c> (names follow wire-server's brig settings where one exists).</summary>
public sealed class BrigOptions
{
    public const string Section = "Brig";

    /// <summary>Whether login needs an activated e-mail address (wire-server behaviour); off in the all-in-one default.</summary>
    public bool RequireActivation { get; set; }

    /// <summary>Send an activation code by e-mail when a user registers without <c>email_code</c>.</summary>
    public bool SendActivationOnRegister { get; set; } = true;

    /// <summary><c>setCookieInsecure</c>: omit the <c>Secure</c> flag on <c>Set-Cookie</c>.</summary>
    public bool CookieInsecure { get; set; }

    /// <summary><c>userTokenTimeout</c>: persistent cookie lifetime.</summary>
    [Range(60, int.MaxValue)]
    public int UserTokenTimeoutSeconds { get; set; } = 4_838_400;

    /// <summary><c>sessionTokenTimeout</c>: session cookie lifetime.</summary>
    [Range(60, int.MaxValue)]
    public int SessionTokenTimeoutSeconds { get; set; } = 86_400;

    /// <summary><c>accessTokenTimeout</c>: access token lifetime, also the <c>expires_in</c> answered.</summary>
    [Range(1, int.MaxValue)]
    public int AccessTokenTimeoutSeconds { get; set; } = 900;

    /// <summary><c>setUserCookieRenewAge</c>: <c>/access</c> re-issues a persistent cookie older than this.</summary>
    [Range(1, int.MaxValue)]
    public int CookieRenewAgeSeconds { get; set; } = 1_209_600;

    /// <summary><c>setUserCookieLimit</c>: cookies kept per user; the oldest are evicted.</summary>
    [Range(1, 10_000)]
    public int CookieLimit { get; set; } = 32;

    /// <summary>Failed logins per user within <see cref="FailedLoginWindowSeconds"/> before logins are refused (<c>limitFailedLogins</c>).</summary>
    [Range(1, int.MaxValue)]
    public int FailedLoginLimit { get; set; } = 10;

    [Range(1, int.MaxValue)]
    public int FailedLoginWindowSeconds { get; set; } = 300;

    /// <summary>Lifetime of e-mail activation codes.</summary>
    [Range(60, int.MaxValue)]
    public int ActivationCodeTimeoutSeconds { get; set; } = 86_400;

    /// <summary>Wrong guesses allowed per activation code before it is dropped.</summary>
    [Range(1, 1000)]
    public int ActivationCodeMaxAttempts { get; set; } = 3;

    public Argon2Settings Argon2 { get; set; } = new();

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Directory for outgoing e-mail as <c>.eml</c> files when no SMTP host is set; default <c>&lt;Wire:DataDirectory&gt;/outbox</c>.</summary>
    public string? OutboxDirectory { get; set; }

    /// <summary>Sender address of brig's e-mails; default <c>noreply@&lt;Wire:Domain&gt;</c>.</summary>
    public string? EmailSender { get; set; }
}

/// <summary>Argon2id password hashing cost and concurrency (section <c>Brig:Argon2</c>).</summary>
public sealed class Argon2Settings
{
    /// <summary>Memory per hash in KiB (OWASP's 19 MiB by default).</summary>
    [Range(8, 4 * 1024 * 1024)]
    public int MemoryKiB { get; set; } = 19_456;

    /// <summary>Number of passes (time cost).</summary>
    [Range(1, 100)]
    public int Passes { get; set; } = 2;

    /// <summary>Hashes computed at once; 0 = half the processors (at least 1). Others wait, so the rest of the API stays responsive.</summary>
    [Range(0, 1024)]
    public int Concurrency { get; set; }

    /// <summary>How long a login may wait for a hashing slot before it is answered 503.</summary>
    [Range(1, 3600)]
    public int QueueTimeoutSeconds { get; set; } = 30;

    public int EffectiveConcurrency => Concurrency > 0 ? Concurrency : Math.Max(1, Environment.ProcessorCount / 2);
}

/// <summary>SMTP delivery (section <c>Brig:Smtp</c>); used when <see cref="Host"/> is set, else the outbox directory.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary><c>auto</c> (STARTTLS when offered), <c>starttls</c>, <c>tls</c> (implicit), <c>none</c>.</summary>
    public string Security { get; set; } = "auto";
}
