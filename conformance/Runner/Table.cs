namespace HeyGenEmulator.Conformance.Runner;

/// <summary>A step's data table: the first row is the header.</summary>
public sealed class Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
{
    public IReadOnlyList<string> Header { get; } = header;
    public IReadOnlyList<IReadOnlyList<string>> RawRows { get; } = rows;

    public IEnumerable<IReadOnlyDictionary<string, string>> Rows =>
        RawRows.Select(r => (IReadOnlyDictionary<string, string>)Header.Select((h, i) => (h, v: i < r.Count ? r[i] : ""))
            .ToDictionary(x => x.h, x => x.v, StringComparer.Ordinal));

    /// <summary>A two-column table read as field → value.</summary>
    public IReadOnlyDictionary<string, string> AsFields()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { [Header[0]] = Header.Count > 1 ? Header[1] : "" };
        foreach (var row in RawRows) fields[row[0]] = row.Count > 1 ? row[1] : "";
        return fields;
    }
}
