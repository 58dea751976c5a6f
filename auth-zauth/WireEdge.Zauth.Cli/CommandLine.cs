namespace WireEdge.Zauth.Cli;

/// <summary>Minimal argument parsing: <c>--name value</c>, <c>--name=value</c>, boolean <c>--flag</c>s, positionals.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CommandLine()
    {
    }

    public List<string> Positionals { get; } = [];

    /// <exception cref="UsageException">Unknown option, missing value or repeated option.</exception>
    public static CommandLine Parse(IEnumerable<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flags)
    {
        var line = new CommandLine();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                line.Positionals.Add(arg);
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? arg[2..] : arg[2..eq];
            if (flags.Contains(name) && eq < 0)
            {
                line._flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                string value;
                if (eq >= 0)
                {
                    value = arg[(eq + 1)..];
                }
                else if (e.MoveNext())
                {
                    value = e.Current;
                }
                else
                {
                    throw new UsageException($"--{name} needs a value");
                }

                if (!line._options.TryAdd(name, value))
                {
                    throw new UsageException($"--{name} given twice");
                }
            }
            else
            {
                throw new UsageException($"unknown option '{arg}'");
            }
        }

        return line;
    }

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public string Required(string name) => Get(name) ?? throw new UsageException($"--{name} is required");

    public bool Flag(string name) => _flags.Contains(name);
}

/// <summary>Wrong invocation; printed with the usage, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
