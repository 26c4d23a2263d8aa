namespace HeyGenEmulator.Conformance.Runner;

/// <summary>
/// Cucumber tag expressions: <c>@a and not (@b or @c)</c>. An empty expression matches everything.
/// </summary>
public sealed class TagExpression
{
    private readonly Func<IReadOnlySet<string>, bool> _eval;

    private TagExpression(Func<IReadOnlySet<string>, bool> eval) => _eval = eval;

    public bool Matches(IEnumerable<string> tags) => _eval(tags.ToHashSet(StringComparer.OrdinalIgnoreCase));

    public static TagExpression Parse(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression)) return new TagExpression(_ => true);
        var tokens = Tokenize(expression);
        var position = 0;
        var eval = ParseOr(tokens, ref position);
        if (position != tokens.Count) throw new FormatException($"Unexpected '{tokens[position]}' in tag expression '{expression}'");
        return new TagExpression(eval);
    }

    private static List<string> Tokenize(string expression) =>
        expression.Replace("(", " ( ").Replace(")", " ) ").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static Func<IReadOnlySet<string>, bool> ParseOr(List<string> t, ref int i)
    {
        var left = ParseAnd(t, ref i);
        while (i < t.Count && t[i].Equals("or", StringComparison.OrdinalIgnoreCase))
        {
            i++;
            var l = left; var r = ParseAnd(t, ref i);
            left = tags => l(tags) || r(tags);
        }
        return left;
    }

    private static Func<IReadOnlySet<string>, bool> ParseAnd(List<string> t, ref int i)
    {
        var left = ParseNot(t, ref i);
        while (i < t.Count && t[i].Equals("and", StringComparison.OrdinalIgnoreCase))
        {
            i++;
            var l = left; var r = ParseNot(t, ref i);
            left = tags => l(tags) && r(tags);
        }
        return left;
    }

    private static Func<IReadOnlySet<string>, bool> ParseNot(List<string> t, ref int i)
    {
        if (i >= t.Count) throw new FormatException("Tag expression ends too early");
        if (t[i].Equals("not", StringComparison.OrdinalIgnoreCase))
        {
            i++;
            var inner = ParseNot(t, ref i);
            return tags => !inner(tags);
        }
        if (t[i] == "(")
        {
            i++;
            var inner = ParseOr(t, ref i);
            if (i >= t.Count || t[i] != ")") throw new FormatException("Missing ')' in tag expression");
            i++;
            return inner;
        }
        var tag = t[i++];
        if (!tag.StartsWith('@')) throw new FormatException($"Tags start with '@': '{tag}'");
        return tags => tags.Contains(tag);
    }
}
