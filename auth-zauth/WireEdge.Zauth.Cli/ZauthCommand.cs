using System.Globalization;
using System.Security.Cryptography;
using System.Numerics;

namespace WireEdge.Zauth.Cli;

/// <summary>
/// The operator command: <c>zauth keygen</c>, <c>zauth create ...</c>, <c>zauth verify ...</c>.
/// Exit codes: 0 success, 1 token not valid (verify), 2 usage or input error.
/// </summary>
public static class ZauthCommand
{
    public const string Usage = """
        usage:
          zauth keygen
          zauth create --secret-keys FILE [--key-index N] --type access|user|bot|provider|legalhold-access|legalhold-user
                       [--user UUID] [--client HEX] [--connection N] [--random HEX] [--ttl SECONDS] [--session]
                       [--provider UUID] [--bot UUID] [--conversation UUID]
          zauth verify --public-keys FILE TOKEN
        """;

    private static readonly HashSet<string> CreateOptions =
        ["secret-keys", "key-index", "type", "user", "client", "connection", "random", "ttl", "provider", "bot", "conversation"];

    private static readonly HashSet<string> CreateFlags = ["session"];
    private static readonly HashSet<string> VerifyOptions = ["public-keys"];
    private static readonly HashSet<string> NoOptions = [];

    public static int Run(string[] args, TextWriter output, TextWriter error, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(time);
        try
        {
            return args.FirstOrDefault() switch
            {
                "keygen" => Keygen(CommandLine.Parse(args.Skip(1), NoOptions, NoOptions), output),
                "create" => Create(CommandLine.Parse(args.Skip(1), CreateOptions, CreateFlags), output, time),
                "verify" => Verify(CommandLine.Parse(args.Skip(1), VerifyOptions, NoOptions), output, time),
                "help" or "--help" or "-h" => Help(output),
                null => throw new UsageException("a command is required"),
                var other => throw new UsageException($"unknown command '{other}'"),
            };
        }
        catch (UsageException e)
        {
            error.WriteLine($"zauth: {e.Message}");
            error.WriteLine(Usage);
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            error.WriteLine($"zauth: {e.Message}");
            return 2;
        }
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        return 0;
    }

    private static int Keygen(CommandLine line, TextWriter output)
    {
        NoPositionals(line);
        var (pub, secret) = ZauthKeyRing.GenerateKeyPair();
        output.WriteLine($"public: {pub}");
        output.WriteLine($"secret: {secret}");
        return 0;
    }

    private static int Create(CommandLine line, TextWriter output, TimeProvider time)
    {
        NoPositionals(line);
        var file = line.Required("secret-keys");
        var keyIndex = Number<int>(line, "key-index") ?? 1;
        var keys = ReadKeys(file, secret: true);
        if (keyIndex < 1 || keyIndex > keys.SecretKeyCount)
        {
            throw new UsageException($"--key-index {keyIndex}: '{file}' has {keys.SecretKeyCount} key(s)");
        }

        var signer = new ZauthSigner(keys, keyIndex);
        var type = line.Required("type");
        var session = line.Flag("session");
        if (session && type != "user")
        {
            throw new UsageException("--session applies to --type user only");
        }

        var ttl = Number<long>(line, "ttl") ?? DefaultTtl(type, session);
        if (ttl <= 0)
        {
            throw new UsageException("--ttl must be positive");
        }

        var expires = time.GetUtcNow().AddSeconds(ttl);
        var client = Client(line);
        var token = type switch
        {
            "access" => signer.CreateAccess(Uuid(line, "user"), client, Connection(line), expires),
            "legalhold-access" => signer.CreateLegalHoldAccess(Uuid(line, "user"), client, Connection(line), expires),
            "user" => signer.CreateUser(Uuid(line, "user"), Random(line), client, session, expires),
            "legalhold-user" => signer.CreateLegalHoldUser(Uuid(line, "user"), Random(line), client, expires),
            "bot" => signer.CreateBot(Uuid(line, "provider"), Uuid(line, "bot"), Uuid(line, "conversation")),
            "provider" => signer.CreateProvider(Uuid(line, "provider"), expires),
            _ => throw new UsageException($"unknown --type '{type}'"),
        };
        output.WriteLine(token);
        return 0;
    }

    private static int Verify(CommandLine line, TextWriter output, TimeProvider time)
    {
        if (line.Positionals.Count != 1)
        {
            throw new UsageException("verify takes exactly one TOKEN");
        }

        var keys = ReadKeys(line.Required("public-keys"), secret: false);
        var result = new ZauthVerifier(keys, time, cacheSize: 0).Verify(line.Positionals[0].Trim());
        output.WriteLine(VerifyJson.Render(result));
        return result.IsValid ? 0 : 1;
    }

    private static ZauthKeyRing ReadKeys(string file, bool secret)
    {
        var text = File.ReadAllText(file);
        try
        {
            return secret ? ZauthKeyRing.FromText(text, null) : ZauthKeyRing.FromText(null, text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"'{file}': {e.Message}", e);
        }
    }

    private static long DefaultTtl(string type, bool session) => type switch
    {
        "user" when session => 86_400,
        "user" or "legalhold-user" => 4_838_400,
        _ => 900,
    };

    private static void NoPositionals(CommandLine line)
    {
        if (line.Positionals.Count > 0)
        {
            throw new UsageException($"unexpected argument '{line.Positionals[0]}'");
        }
    }

    private static Guid Uuid(CommandLine line, string name) =>
        Guid.TryParseExact(line.Required(name), "D", out var id) ? id : throw new UsageException($"--{name} must be a UUID");

    private static string? Client(CommandLine line)
    {
        var client = line.Get("client")?.ToLowerInvariant();
        return client is null || (client.Length is > 0 and <= 16 && client.All(char.IsAsciiHexDigit))
            ? client
            : throw new UsageException("--client must be 1 to 16 hex digits");
    }

    private static ulong Connection(CommandLine line) =>
        Number<ulong>(line, "connection") ?? BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));

    private static uint Random(CommandLine line) => line.Get("random") is { } hex
        ? uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var r) ? r : throw new UsageException("--random must be hex (32 bits)")
        : BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));

    private static T? Number<T>(CommandLine line, string name)
        where T : struct, INumber<T> =>
        line.Get(name) is not { } text ? null
        : T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
        : throw new UsageException($"--{name} must be a number");
}
