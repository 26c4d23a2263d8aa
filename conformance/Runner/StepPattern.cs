using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HeyGenEmulator.Conformance.Runner;

/// <summary>A step definition's pattern compiled to a regex: as-is when it starts with '^', else a cucumber expression.</summary>
public static class StepPattern
{
    private static readonly Dictionary<string, string> Parameters = new()
    {
        ["{string}"] = "(?:\"([^\"]*)\"|'([^']*)')",
        ["{int}"] = "(-?\\d+)",
        ["{float}"] = "(-?\\d*\\.?\\d+)",
        ["{word}"] = "([^\\s]+)",
    };

    public static Regex Compile(string pattern)
    {
        if (pattern.StartsWith('^')) return new Regex(pattern.EndsWith('$') ? pattern : pattern + "$", RegexOptions.CultureInvariant);
        var regex = new StringBuilder("^");
        var i = 0;
        while (i < pattern.Length)
        {
            var parameter = Parameters.Keys.FirstOrDefault(p => string.CompareOrdinal(pattern, i, p, 0, p.Length) == 0);
            if (parameter is not null)
            {
                regex.Append(Parameters[parameter]);
                i += parameter.Length;
            }
            else
            {
                regex.Append(Regex.Escape(pattern[i].ToString()));
                i++;
            }
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    /// <summary>The captured arguments in order ({string} has two alternative groups; the one that matched counts).</summary>
    public static List<string> Arguments(Match match)
    {
        var values = new List<string>();
        for (var g = 1; g < match.Groups.Count; g++)
        {
            var group = match.Groups[g];
            // The two alternatives of {string} sit next to each other; only one of them can succeed.
            if (!group.Success) continue;
            values.Add(group.Value);
        }
        return values;
    }

    public static object? Convert(string value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string)) return value;
        if (target == typeof(int)) return int.Parse(value, CultureInfo.InvariantCulture);
        if (target == typeof(long)) return long.Parse(value, CultureInfo.InvariantCulture);
        if (target == typeof(double)) return double.Parse(value, CultureInfo.InvariantCulture);
        if (target == typeof(bool)) return bool.Parse(value);
        if (target.IsEnum) return Enum.Parse(target, value, ignoreCase: true);
        throw new NotSupportedException($"Cannot convert step argument to {type.Name}");
    }

    /// <summary>A ready-to-paste binding for an undefined step, in the style Reqnroll suggests.</summary>
    public static string Suggest(StepCase step)
    {
        var parameters = new List<string>();
        var pattern = Regex.Replace(step.Text, "\"[^\"]*\"|\\b-?\\d+\\b", m =>
        {
            var isString = m.Value.StartsWith('"');
            parameters.Add(isString ? $"string p{parameters.Count}" : $"int p{parameters.Count}");
            return isString ? "{string}" : "{int}";
        });
        if (step.Table is not null) parameters.Add("Table table");
        if (step.DocString is not null) parameters.Add("string docString");
        var method = new string(Regex.Replace(step.Text, "\"[^\"]*\"|\\b-?\\d+\\b|[^A-Za-z0-9 ]", " ").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]).SelectMany(w => w).ToArray());
        return $"[{step.Kind}(\"{pattern.Replace("\"", "\\\"")}\")]\npublic void {step.Kind}{method}({string.Join(", ", parameters)})\n{{\n    throw new NotImplementedException();\n}}";
    }
}
