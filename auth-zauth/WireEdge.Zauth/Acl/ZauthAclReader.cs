using System.Text;

namespace WireEdge.Zauth;

/// <summary>
/// Reads nginz's ACL s-expressions: <c>type (whitelist|blacklist item...)</c> pairs, items
/// <c>(path "...")</c> or <c>(regex "...")</c>, <c>()</c> for an empty list, <c>#</c> comments.
/// </summary>
internal static class ZauthAclReader
{
    public static List<(string Type, bool Whitelist, List<ZauthAcl.AclItem> Items)> Read(string text)
    {
        var tokens = Tokenise(text);
        var result = new List<(string, bool, List<ZauthAcl.AclItem>)>();
        var pos = 0;
        while (pos < tokens.Count)
        {
            var type = Atom(tokens, ref pos, "a token type");
            Expect(tokens, ref pos, "(");
            var kind = Atom(tokens, ref pos, "'whitelist' or 'blacklist'");
            var whitelist = kind switch
            {
                "whitelist" => true,
                "blacklist" => false,
                _ => throw new FormatException($"'whitelist' or 'blacklist' expected after '{type}', got '{kind}'"),
            };
            var items = new List<ZauthAcl.AclItem>();
            while (Peek(tokens, pos) != ")")
            {
                Expect(tokens, ref pos, "(");
                if (Peek(tokens, pos) == ")")
                {
                    pos++; // () = nothing listed
                    continue;
                }

                var itemKind = Atom(tokens, ref pos, "'path' or 'regex'");
                var value = String(tokens, ref pos);
                items.Add(itemKind switch
                {
                    "path" => new ZauthAcl.AclItem(false, value),
                    "regex" => new ZauthAcl.AclItem(true, value),
                    _ => throw new FormatException($"'path' or 'regex' expected, got '{itemKind}'"),
                });
                Expect(tokens, ref pos, ")");
            }

            pos++;
            result.Add((type, whitelist, items));
        }

        return result;
    }

    private static string? Peek(List<(string Text, bool Quoted)> tokens, int pos) =>
        pos < tokens.Count && !tokens[pos].Quoted ? tokens[pos].Text : pos < tokens.Count ? "\"" : null;

    private static void Expect(List<(string Text, bool Quoted)> tokens, ref int pos, string what)
    {
        if (pos >= tokens.Count || tokens[pos].Quoted || tokens[pos].Text != what)
        {
            throw new FormatException($"'{what}' expected at token {pos + 1}");
        }

        pos++;
    }

    private static string Atom(List<(string Text, bool Quoted)> tokens, ref int pos, string what)
    {
        if (pos >= tokens.Count || tokens[pos].Quoted || tokens[pos].Text is "(" or ")")
        {
            throw new FormatException($"{what} expected at token {pos + 1}");
        }

        return tokens[pos++].Text;
    }

    private static string String(List<(string Text, bool Quoted)> tokens, ref int pos)
    {
        if (pos >= tokens.Count || !tokens[pos].Quoted)
        {
            throw new FormatException($"a quoted string expected at token {pos + 1}");
        }

        return tokens[pos++].Text;
    }

    private static List<(string Text, bool Quoted)> Tokenise(string text)
    {
        var tokens = new List<(string, bool)>();
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (char.IsWhiteSpace(ch))
            {
                i++;
            }
            else if (ch == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (ch is '(' or ')')
            {
                tokens.Add((ch.ToString(), false));
                i++;
            }
            else if (ch == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("unterminated string");
                    }

                    if (text[i] == '"')
                    {
                        i++;
                        break;
                    }

                    if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
                    {
                        i++; // only \" and \\ are escapes; other backslashes belong to regexes
                    }

                    sb.Append(text[i++]);
                }

                tokens.Add((sb.ToString(), true));
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '"' or '#'))
                {
                    i++;
                }

                tokens.Add((text[start..i], false));
            }
        }

        return tokens;
    }
}
