using System.Reflection;

namespace HeyGenEmulator.Sessions;

/// <summary>The name HeyGen uses on the wire for an enum value (<c>"v1"</c>, <c>"talk"</c>, <c>"H264"</c>).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class WireNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>
/// Wire names of a domain enum, read once from its <see cref="WireNameAttribute"/>s: the edge parses requests with
/// them and writes answers with them, so no layer below passes strings around.
/// </summary>
public static class WireNames<T> where T : struct, Enum
{
    private static readonly (T Value, string Name)[] Pairs = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => ((T)f.GetValue(null)!, f.GetCustomAttribute<WireNameAttribute>()?.Name ?? f.Name))
        .ToArray();

    /// <summary>Every wire name, in declaration order (what an error message lists).</summary>
    public static IReadOnlyList<string> All { get; } = Pairs.Select(p => p.Name).ToArray();

    public static string Of(T value)
    {
        foreach (var (v, name) in Pairs)
            if (EqualityComparer<T>.Default.Equals(v, value)) return name;
        throw new ArgumentOutOfRangeException(nameof(value), value, null);
    }

    public static T? Parse(string? wire, bool ignoreCase = false)
    {
        if (wire is null) return null;
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var (v, name) in Pairs)
            if (string.Equals(name, wire, comparison)) return v;
        return null;
    }
}
