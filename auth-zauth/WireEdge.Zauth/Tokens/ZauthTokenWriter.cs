using System.Globalization;

namespace WireEdge.Zauth;

/// <summary>
/// Writes the signed part of a token (<c>v=1.k=..d=..t=..l=..&lt;body&gt;</c>) in wire-server's canonical
/// writer order: access <c>u[.i].c</c>, user <c>u.r[.i]</c>, bot <c>p.b.c</c>, provider <c>p</c>;
/// UUIDs lowercase with dashes, numbers decimal, <c>r</c> lowercase hex without leading zeros.
/// </summary>
internal ref struct ZauthTokenWriter
{
    private readonly Span<char> _buffer;
    private int _pos;

    public ZauthTokenWriter(Span<char> buffer)
    {
        _buffer = buffer;
        _pos = 0;
    }

    public readonly int Length => _pos;

    public static int WriteAccess(Span<char> buffer, ZauthTokenType type, int keyIndex, long expires, Guid user, string? client, ulong connection)
    {
        var w = new ZauthTokenWriter(buffer);
        w.Header(keyIndex, expires, type, "");
        w.Field('u', user);
        if (client is not null)
        {
            w.Field('i', client);
        }

        w.Field('c', connection);
        return w.Length;
    }

    public static int WriteUser(Span<char> buffer, ZauthTokenType type, int keyIndex, long expires, Guid user, uint random, string? client, bool session)
    {
        var w = new ZauthTokenWriter(buffer);
        w.Header(keyIndex, expires, type, session ? "s" : "");
        w.Field('u', user);
        w.Key('r');
        w.Hex(random);
        if (client is not null)
        {
            w.Field('i', client);
        }

        return w.Length;
    }

    public static int WriteBot(Span<char> buffer, int keyIndex, Guid provider, Guid bot, Guid conversation)
    {
        var w = new ZauthTokenWriter(buffer);
        w.Header(keyIndex, -1, ZauthTokenType.Bot, "");
        w.Field('p', provider);
        w.Field('b', bot);
        w.Field('c', conversation);
        return w.Length;
    }

    public static int WriteProvider(Span<char> buffer, int keyIndex, long expires, Guid provider)
    {
        var w = new ZauthTokenWriter(buffer);
        w.Header(keyIndex, expires, ZauthTokenType.Provider, "");
        w.Field('p', provider);
        return w.Length;
    }

    private void Header(int keyIndex, long expires, ZauthTokenType type, string tag)
    {
        Literal("v=1.k=");
        Number(keyIndex);
        Literal(".d=");
        Number(expires);
        Literal(".t=");
        Literal(type.Letter());
        Literal(".l=");
        Literal(tag);
    }

    private void Key(char key)
    {
        _buffer[_pos++] = '.';
        _buffer[_pos++] = key;
        _buffer[_pos++] = '=';
    }

    private void Field(char key, Guid value)
    {
        Key(key);
        value.TryFormat(_buffer[_pos..], out var n, "D");
        _pos += n;
    }

    private void Field(char key, string value)
    {
        Key(key);
        Literal(value);
    }

    private void Field(char key, ulong value)
    {
        Key(key);
        value.TryFormat(_buffer[_pos..], out var n, default, CultureInfo.InvariantCulture);
        _pos += n;
    }

    private void Hex(uint value)
    {
        value.TryFormat(_buffer[_pos..], out var n, "x", CultureInfo.InvariantCulture);
        _pos += n;
    }

    private void Number(long value)
    {
        value.TryFormat(_buffer[_pos..], out var n, default, CultureInfo.InvariantCulture);
        _pos += n;
    }

    private void Literal(string s)
    {
        s.AsSpan().CopyTo(_buffer[_pos..]);
        _pos += s.Length;
    }
}
