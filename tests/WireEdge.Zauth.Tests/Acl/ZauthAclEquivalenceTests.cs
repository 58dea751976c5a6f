using System.Text.RegularExpressions;

namespace WireEdge.Zauth.Tests.Acl;

/// <summary>
/// The compiled ACL (which splits off the <c>(/v[0-9]+)?</c> prefix for speed) must decide exactly like nginz's
/// construction: one anchored alternation of all items matched against the normalised path.
/// </summary>
public sealed class ZauthAclEquivalenceTests
{
    private static readonly string[] Segments =
    [
        "v1", "v12", "v", "vx", "v1x", "bot", "conversation", "conversations", "c", "con", "conversationX", "provider",
        "providers", "i", "notifications", "assets", "users", "legalhold", "self", "a", "b",
        "4ee8e8b4-2d0f-4c9e-a8cf-6ab0e3c5f7a1", "4EE8E8B4-2D0F-4C9E-A8CF-6AB0E3C5F7A1",
    ];

    public static TheoryData<string> Acls => new()
    {
        ZauthAcl.DefaultText,
        """
        a (blacklist (regex "(/v[0-9]+)?/a|/b") (path "/v1/*/a") (regex "(/v[0-9]+)?/c(/.*)?"))
        b (whitelist (regex "(/v[0-9]+)?/bot") (path "/**/self") (regex "/v12/.*"))
        """,
    };

    [Theory]
    [MemberData(nameof(Acls))]
    public void Acl_DecidesLikeOneAnchoredAlternation(string text)
    {
        var acl = ZauthAcl.Parse(text);
        var reference = ZauthAclReader.Read(text)
            .Where(e => ZauthTokenTypes.TryParseLetter(e.Type, out _))
            .ToDictionary(
                e => { ZauthTokenTypes.TryParseLetter(e.Type, out var t); return t; },
                e => (e.Whitelist, Regex: new Regex("^(?:" + string.Join('|', e.Items.Select(i => i.IsRegex ? i.Text : Glob(i.Text))) + ")$")));
        var random = new Random(7);
        var checkedPaths = 0;

        for (var n = 0; n < 20_000; n++)
        {
            var path = RandomPath(random);
            var normalised = ZauthAcl.Normalise(path, new char[path.Length]).ToString();
            foreach (var type in Enum.GetValues<ZauthTokenType>())
            {
                var expected = reference.TryGetValue(type, out var r) && (r.Whitelist == r.Regex.IsMatch(normalised));
                Assert.True(expected == acl.IsAllowed(type, path), $"{type} {path}: expected {expected}");
                checkedPaths++;
            }
        }

        Assert.Equal(20_000 * 6, checkedPaths);
    }

    private static string RandomPath(Random random)
    {
        var parts = Enumerable.Range(0, random.Next(0, 6)).Select(_ => Segments[random.Next(Segments.Length)]);
        var path = "/" + string.Join(random.Next(8) == 0 ? "//" : "/", parts);
        return random.Next(6) == 0 ? path + "/" : path;
    }

    // Independent glob translation: '**' = anything, '*' = one non-empty segment, everything else literal.
    private static string Glob(string glob)
    {
        var collapsed = Regex.Replace(glob, "/+", "/").TrimEnd('/');
        return "(?:" + Regex.Escape(collapsed).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]+", StringComparison.Ordinal) + ")";
    }
}
