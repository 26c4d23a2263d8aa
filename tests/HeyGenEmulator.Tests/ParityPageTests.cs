using HeyGenEmulator.Conformance;
using HeyGenEmulator.Conformance.Parity;

namespace HeyGenEmulator.Tests;

/// <summary>docs/parity.md is generated from the feature tags (heygen-kit parity); it must not go stale.</summary>
public sealed class ParityPageTests
{
    [Fact]
    public void The_parity_page_in_docs_is_current()
    {
        var path = Path.Combine(KitTool.RepoRoot(), "docs", "parity.md");
        var expected = ParityPage.Build(Kit.All).ToMarkdown();
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1") File.WriteAllText(path, expected);
        var actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(actual == expected, $"docs/parity.md is out of date (features or their tags changed). Regenerate it with:\n  {ParityPage.Regenerate}");
    }

    [Fact]
    public void Every_endpoint_counts_its_behaviours_by_evidence()
    {
        var page = ParityPage.Build(Kit.All);
        Assert.Contains(page.Endpoints, e => e.Name == "streaming.task");
        foreach (var endpoint in page.Endpoints)
        {
            Assert.Equal(endpoint.Rows.Count, endpoint.Documented + endpoint.Assumed);
            Assert.All(endpoint.Rows.Where(r => r.Evidence.StartsWith("@documented", StringComparison.Ordinal)), r => Assert.NotEqual("—", r.Source));
        }
    }
}
