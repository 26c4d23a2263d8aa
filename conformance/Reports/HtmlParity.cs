using System.Globalization;
using System.Net;
using System.Text;
using HeyGenEmulator.Conformance.Parity;

namespace HeyGenEmulator.Conformance.Reports;

/// <summary>
/// The parity table inside Cucumber's HTML report: a static section after the report's own content (the report is
/// one self-contained page; this adds no script and no outside resource).
/// </summary>
public static class HtmlParity
{
    public static void AddTo(string reportPath, ParityPage parity)
    {
        if (!File.Exists(reportPath)) return;
        var html = File.ReadAllText(reportPath);
        var end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        if (end < 0) return;
        File.WriteAllText(reportPath, html[..end] + Section(parity) + html[end..]);
    }

    private static string Section(ParityPage parity)
    {
        var text = new StringBuilder("\n<section id=\"heygen-parity\" style=\"font-family:sans-serif;margin:2em\">\n<h2>Parity: endpoint × behaviour × evidence</h2>\n");
        text.Append("<p>@documented: HeyGen's documentation or the reference notes show it (source given); @assumed: our choice where HeyGen is unverified; @emulator-only: needs the emulator's admin API.</p>\n");
        foreach (var endpoint in parity.Endpoints)
        {
            var observed = parity.Evidence is null ? "" : $", {endpoint.ObservedLive} observed live";
            text.Append(CultureInfo.InvariantCulture, $"<details><summary><code>{Enc(endpoint.Name)}</code> — {endpoint.Documented} documented, {endpoint.Assumed} assumed, {endpoint.EmulatorOnly} emulator-only{observed}</summary>\n<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse\"><tr><th>Behaviour</th><th>Evidence</th>{(parity.Evidence is null ? "" : "<th>Observed (this run's recording)</th>")}<th>Source</th></tr>\n");
            foreach (var row in endpoint.Rows)
                text.Append(CultureInfo.InvariantCulture, $"<tr><td>{Enc(row.Behaviour)} <small>({Enc(row.Where)})</small></td><td>{Enc(row.Evidence)}</td>{(parity.Evidence is null ? "" : $"<td>{Enc(string.Join("; ", row.Observed))}</td>")}<td>{Enc(row.Source)}</td></tr>\n");
            text.Append("</table></details>\n");
        }
        return text.Append("</section>\n").ToString();
    }

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
