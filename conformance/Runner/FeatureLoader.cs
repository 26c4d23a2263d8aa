using System.Reflection;
using Gherkin;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;

namespace HeyGenEmulator.Conformance.Runner;

/// <summary>
/// Reads .feature files with Cucumber's Gherkin parser and pickle compiler into runnable scenario cases: one per
/// pickle, so outlines give one case per Examples row, with background steps first.
/// </summary>
public static class FeatureLoader
{
    public static IReadOnlyList<ScenarioCase> LoadDirectory(string directory) =>
        Directory.EnumerateFiles(directory, "*.feature", SearchOption.AllDirectories)
            .Select(f => (Name: Path.GetRelativePath(directory, f).Replace('\\', '/'), Path: f))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .SelectMany(f => Load(f.Name, File.ReadAllText(f.Path)))
            .ToList();

    /// <summary>The features embedded in an assembly (resources named <c>features/…​.feature</c>).</summary>
    public static IReadOnlyList<ScenarioCase> LoadEmbedded(Assembly assembly) =>
        assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("features/", StringComparison.Ordinal) && n.EndsWith(".feature", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                // A feature in a subfolder (features/liveavatar/…) keeps it in its name, with '/' on every platform.
                return Load(n["features/".Length..].Replace('\\', '/'), reader.ReadToEnd());
            })
            .ToList();

    public static IReadOnlyList<ScenarioCase> Load(string file, string text)
    {
        var ids = new IncrementingIdGenerator();
        var ast = new Parser().Parse(new StringReader(text));
        var document = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(ast, file);
        var feature = document.Feature ?? throw new InvalidDataException($"{file}: no Feature");
        var pickles = new PickleCompiler(ids).Compile(document);
        var source = new FeatureSource(file, feature.Name, feature.Description?.Trim() ?? "", [.. feature.Tags.Select(t => t.Name)],
            new Source(file, text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN), document, pickles);
        var nodes = Nodes(feature);
        var cases = pickles.Select((pickle, index) =>
        {
            var scenario = (Scenario)nodes[pickle.AstNodeIds[0]];
            var name = scenario.Name;
            var line = (int)scenario.Location.Line;
            if (pickle.AstNodeIds.Count > 1)
            {
                // An Examples row: named after the outline with its values, as "Adding 4 [Examples 1: 4, 5]".
                var row = (TableRow)nodes[pickle.AstNodeIds[1]];
                var examples = scenario.Examples.First(e => e.TableBody.Contains(row));
                name = $"{pickle.Name} [{(string.IsNullOrEmpty(examples.Name) ? "Examples" : examples.Name)} {examples.TableBody.IndexOf(row) + 1}: {string.Join(", ", row.Cells.Select(c => c.Value))}]";
                line = (int)row.Location.Line;
            }
            return new ScenarioCase(source, name, line, [.. pickle.Tags.Select(t => t.Name).Distinct()], Steps(pickle, nodes), index)
            {
                Description = scenario.Description?.Trim() ?? "",
                Behaviour = scenario.Name,
                ScenarioLine = (int)scenario.Location.Line,
            };
        }).ToList();
        var duplicate = cases.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidDataException($"{file}: two scenarios are named '{duplicate.Key}'");
        return cases;
    }

    private static List<StepCase> Steps(Pickle pickle, Dictionary<string, object> nodes) =>
        [.. pickle.Steps.Select(step =>
        {
            var source = (Step)nodes[step.AstNodeIds[0]];
            var kind = step.Type switch { PickleStepType.ACTION => StepKind.When, PickleStepType.OUTCOME => StepKind.Then, _ => StepKind.Given };
            Reqnroll.Table? table = null;
            if (step.Argument?.DataTable is { } data)
            {
                table = new Reqnroll.Table([.. data.Rows[0].Cells.Select(c => c.Value)]);
                foreach (var row in data.Rows.Skip(1)) table.AddRow([.. row.Cells.Select(c => c.Value)]);
            }
            return new StepCase(kind, source.Keyword, step.Text, (int)source.Location.Line, table, step.Argument?.DocString?.Content);
        })];

    /// <summary>Every scenario, step and Examples row of the document by id, as pickles refer to them.</summary>
    private static Dictionary<string, object> Nodes(Feature feature)
    {
        var nodes = new Dictionary<string, object>(StringComparer.Ordinal);
        void AddScenario(Background? background, Scenario? scenario)
        {
            foreach (var step in background?.Steps ?? []) nodes[step.Id] = step;
            if (scenario is null) return;
            nodes[scenario.Id] = scenario;
            foreach (var step in scenario.Steps) nodes[step.Id] = step;
            foreach (var row in scenario.Examples.SelectMany(e => e.TableBody)) nodes[row.Id] = row;
        }
        foreach (var child in feature.Children)
        {
            AddScenario(child.Background, child.Scenario);
            foreach (var ruleChild in child.Rule?.Children ?? []) AddScenario(ruleChild.Background, ruleChild.Scenario);
        }
        return nodes;
    }
}
