using Gherkin;
using Gherkin.Ast;

namespace HeyGenEmulator.Conformance.Runner;

/// <summary>Reads .feature files (Gherkin 5 parser) into runnable scenario cases.</summary>
public static class FeatureLoader
{
    public static IReadOnlyList<ScenarioCase> LoadDirectory(string directory) =>
        Directory.EnumerateFiles(directory, "*.feature", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(f => Load(f, File.ReadAllText(f)))
            .ToList();

    public static IReadOnlyList<ScenarioCase> Load(string path, string text)
    {
        var document = new Parser().Parse(new StringReader(text));
        var feature = document.Feature ?? throw new InvalidDataException($"{path}: no Feature");
        var featureTags = feature.Tags.Select(t => t.Name).ToList();
        var background = feature.Children.OfType<Background>().FirstOrDefault();
        var file = Path.GetFileName(path);
        var cases = new List<ScenarioCase>();
        foreach (var child in feature.Children)
        {
            switch (child)
            {
                case Scenario scenario:
                    cases.Add(new ScenarioCase(file, feature.Name, scenario.Name, scenario.Location.Line,
                        featureTags.Concat(scenario.Tags.Select(t => t.Name)).Distinct().ToList(),
                        Steps(background, scenario.Steps, new Dictionary<string, string>())));
                    break;
                case ScenarioOutline outline:
                    foreach (var examples in outline.Examples)
                    {
                        var header = examples.TableHeader.Cells.Select(c => c.Value).ToList();
                        var rowNumber = 0;
                        foreach (var row in examples.TableBody)
                        {
                            rowNumber++;
                            var values = header.Zip(row.Cells.Select(c => c.Value)).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
                            var name = $"{Substitute(outline.Name, values)} [{(string.IsNullOrEmpty(examples.Name) ? "Examples" : examples.Name)} {rowNumber}: {string.Join(", ", values.Values)}]";
                            cases.Add(new ScenarioCase(file, feature.Name, name, row.Location.Line,
                                featureTags.Concat(outline.Tags.Select(t => t.Name)).Concat(examples.Tags.Select(t => t.Name)).Distinct().ToList(),
                                Steps(background, outline.Steps, values)));
                        }
                    }
                    break;
            }
        }
        var duplicate = cases.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidDataException($"{path}: two scenarios are named '{duplicate.Key}'");
        return cases;
    }

    private static List<StepCase> Steps(Background? background, IEnumerable<Step> steps, IReadOnlyDictionary<string, string> values)
    {
        var result = new List<StepCase>();
        var kind = StepKind.Given;
        foreach (var step in (background?.Steps ?? []).Concat(steps))
        {
            var keyword = step.Keyword.Trim();
            kind = keyword switch
            {
                "Given" => StepKind.Given,
                "When" => StepKind.When,
                "Then" => StepKind.Then,
                _ => kind, // And, But, *
            };
            Table? table = null;
            string? doc = null;
            switch (step.Argument)
            {
                case DataTable dt:
                    var rows = dt.Rows.Select(r => (IReadOnlyList<string>)r.Cells.Select(c => Substitute(c.Value, values)).ToList()).ToList();
                    table = new Table(rows[0], rows.Skip(1).ToList());
                    break;
                case DocString ds:
                    doc = Substitute(ds.Content, values);
                    break;
            }
            result.Add(new StepCase(kind, step.Keyword, Substitute(step.Text, values), step.Location.Line, table, doc));
        }
        return result;
    }

    private static string Substitute(string text, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values) text = text.Replace($"<{name}>", value, StringComparison.Ordinal);
        return text;
    }
}
