using System.Text.Json.Serialization;

namespace HeyGenEmulator.Faults;

/// <summary>A fault to inject, as posted to <c>/_emulator/faults</c>.</summary>
public sealed record FaultSpec(
    [property: JsonPropertyName("endpoint")] string? Endpoint,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("times")] int? Times,
    [property: JsonPropertyName("delay_ms")] int? DelayMs,
    [property: JsonPropertyName("probability")] double? Probability,
    [property: JsonPropertyName("seed")] int? Seed);

public sealed record FaultView(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("remaining")] int? Remaining,
    [property: JsonPropertyName("delay_ms")] int DelayMs,
    [property: JsonPropertyName("probability")] double Probability,
    [property: JsonPropertyName("hits")] int Hits);

/// <summary>What a matching fault does to one call: wait, then maybe answer with an error instead of the endpoint.</summary>
public sealed record FaultAction(int DelayMs, int? Status, int Code, string Message);

/// <summary>
/// Injected faults. Each fault draws from its own seeded generator, so a run with the same faults and the same
/// calls fails the same calls.
/// </summary>
public sealed class FaultStore(int defaultSeed)
{
    private sealed class Fault(int id, FaultSpec spec, Random random)
    {
        public int Id { get; } = id;
        public FaultSpec Spec { get; } = spec;
        public Random Random { get; } = random;
        public int? Remaining { get; set; } = spec.Times;
        public int Hits { get; set; }
    }

    private readonly List<Fault> _faults = [];
    private int _nextId;

    public FaultView Add(FaultSpec spec)
    {
        lock (_faults)
        {
            var id = ++_nextId;
            var fault = new Fault(id, spec, new Random(spec.Seed ?? defaultSeed + id));
            _faults.Add(fault);
            return View(fault);
        }
    }

    public IReadOnlyList<FaultView> List()
    {
        lock (_faults) return _faults.Select(View).ToList();
    }

    public void Clear()
    {
        lock (_faults) _faults.Clear();
    }

    /// <summary>The first live fault for this endpoint that fires, consuming one of its times.</summary>
    public FaultAction? Match(string endpoint)
    {
        lock (_faults)
        {
            foreach (var fault in _faults)
            {
                if (fault.Remaining is <= 0) continue;
                var target = fault.Spec.Endpoint;
                if (!string.IsNullOrEmpty(target) && target != "*" && !string.Equals(target, endpoint, StringComparison.OrdinalIgnoreCase)) continue;
                if (fault.Random.NextDouble() >= (fault.Spec.Probability ?? 1.0)) continue;
                if (fault.Remaining is not null) fault.Remaining--;
                fault.Hits++;
                var status = fault.Spec.Status;
                return new FaultAction(fault.Spec.DelayMs ?? 0, status, fault.Spec.Code ?? status ?? 0,
                    fault.Spec.Message ?? "Injected fault");
            }
            return null;
        }
    }

    private static FaultView View(Fault f) =>
        new(f.Id, f.Spec.Endpoint ?? "*", f.Spec.Status, f.Spec.Code ?? f.Spec.Status, f.Spec.Message, f.Remaining,
            f.Spec.DelayMs ?? 0, f.Spec.Probability ?? 1.0, f.Hits);
}
