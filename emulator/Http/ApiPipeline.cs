using System.Diagnostics;
using System.Text.Json;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Faults;
using HeyGenEmulator.Journal;

namespace HeyGenEmulator.Http;

/// <summary>
/// Wraps every HeyGen API call: faults, HeyGen error bodies for every failure (never an exception page),
/// the journal, and one structured log line per call. Admin and other paths get only the error mapping.
/// </summary>
public sealed class ApiPipeline(RequestDelegate next, RequestJournal journal, FaultStore faults, EmulatorClock clock,
    Microsoft.Extensions.Options.IOptions<EmulatorOptions> options, ILogger<ApiPipeline> log)
{
    public const string SessionIdItem = "heygen.session_id";
    public const string CallerItem = "heygen.caller";
    public static readonly string Version = typeof(ApiPipeline).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    // How much of a body is read for the journal: JSON up to this size is kept masked with long strings shortened;
    // anything larger keeps its first SecretMasker.BodyLimit bytes as text, with its full size noted.
    private const int JournalBodyLimit = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["X-HeyGen-Emulator-Version"] = Version;
            // Every 429 (the concurrency limit, an injected fault) says when to come back, for clients that read it.
            if (context.Response.StatusCode == StatusCodes.Status429TooManyRequests && !context.Response.Headers.ContainsKey("Retry-After"))
                context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });

        if (!IsApiCall(context))
        {
            await RunMapped(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var time = clock.GetUtcNow();
        context.Request.EnableBuffering(bufferThreshold: 64 * 1024);
        var originalBody = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        var faulted = false;
        try
        {
            var endpoint = LiveAvatarPaths.Owns(context.Request.Path) ? LiveAvatarPaths.EndpointName(context.Request.Path) : EndpointName(context.Request.Path);
            if (faults.Match(endpoint) is { } fault)
            {
                if (fault.DelayMs > 0) await Task.Delay(fault.DelayMs, context.RequestAborted);
                if (fault.Status is { } status)
                {
                    faulted = true;
                    await Envelope.WriteErrorAsync(context, ShapeFor(context, new HeyGenError(status, fault.Code, fault.Message)));
                }
            }
            if (!faulted) await RunMapped(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        finally
        {
            context.Response.Body = originalBody;
            captured.Position = 0;
            if (!context.RequestAborted.IsCancellationRequested)
                await captured.CopyToAsync(originalBody);
            await Record(context, time, started, captured, faulted);
        }
    }

    private async Task RunMapped(HttpContext context)
    {
        try
        {
            await next(context);
            var status = context.Response.StatusCode;
            var nothingWritten = !context.Response.HasStarted && (!context.Response.Body.CanSeek || context.Response.Body.Length == 0);
            if (nothingWritten && status is 404 or 405 or 415)
            {
                var method = context.Request.Method;
                var path = context.Request.Path.Value ?? "/";
                await Envelope.WriteErrorAsync(context, ShapeFor(context, status switch
                {
                    404 => HeyGenErrors.RouteNotFound(method, path),
                    405 => HeyGenErrors.MethodNotAllowed(method, path),
                    _ => HeyGenErrors.UnsupportedMediaType(context.Request.ContentType),
                }));
            }
        }
        catch (HeyGenException e) when (!context.Response.HasStarted)
        {
            await Envelope.WriteErrorAsync(context, ShapeFor(context, e.Error));
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await Envelope.WriteErrorAsync(context, ShapeFor(context, e.StatusCode == 413
                ? HeyGenErrors.BodyTooLarge(context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0)
                : HeyGenErrors.InvalidParameter(e.Message)));
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            log.LogError(e, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            await Envelope.WriteErrorAsync(context, ShapeFor(context, HeyGenErrors.Internal));
        }
    }

    /// <summary>Journals and logs the call, whatever failed before: a broken body must not cost the call its record.</summary>
    private async Task Record(HttpContext context, DateTimeOffset time, long started, MemoryStream response, bool faulted)
    {
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var caller = context.Items[CallerItem] as Caller;
        var (request, requestLength) = await ReadRequestForJournal(context);
        var sessionId = context.Items[SessionIdItem] as string ?? SessionIdFrom(request);
        var status = context.Response.StatusCode;
        journal.Add(new JournalEntry(journal.NextId(), time, context.Request.Method,
            SecretMasker.MaskQuery(context.Request.Path + context.Request.QueryString),
            status, Math.Round(elapsed, 2), sessionId, caller?.Key.ToString(), faulted,
            SecretMasker.ForJournal(request, requestLength),
            SecretMasker.ForJournal(response.GetBuffer().AsSpan(0, (int)Math.Min(response.Length, JournalBodyLimit)), response.Length),
            LiveAvatarPaths.Owns(context.Request.Path) ? LiveAvatarPaths.JournalKind : "http"));
        log.LogInformation("{Method} {Path} {Status} in {ElapsedMs:0.0} ms session={SessionId} key={ApiKey}{Fault}",
            context.Request.Method, context.Request.Path.Value, status, elapsed, sessionId ?? "-", caller?.Key.ToString() ?? "-", faulted ? " (injected fault)" : "");
    }

    /// <summary>The first <see cref="JournalBodyLimit"/> bytes of the request body, and its full length.</summary>
    private static async Task<(byte[] Body, long Length)> ReadRequestForJournal(HttpContext context)
    {
        try
        {
            var body = context.Request.Body;
            if (!body.CanSeek) return ([], 0);
            body.Position = 0;
            // A call no endpoint read (an injected fault) has buffered nothing yet: its Length is 0 until it is read here.
            var buffer = new byte[(int)Math.Min(context.Request.ContentLength ?? JournalBodyLimit, JournalBodyLimit)];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await body.ReadAsync(buffer.AsMemory(read));
                if (n == 0) break;
                read += n;
            }
            return (buffer[..read], context.Request.ContentLength ?? Math.Max(body.Length, read));
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or ObjectDisposedException or InvalidOperationException)
        {
            return ([], 0);
        }
    }

    private static string? SessionIdFrom(byte[] request)
    {
        try
        {
            if (request.Length == 0) return null;
            using var doc = JsonDocument.Parse(request);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("session_id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString() : null;
        }
        // Invalid UTF-8 in the id shows only when it is read.
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>An error on one of LiveAvatar's paths is written in LiveAvatar's shape.</summary>
    private static HeyGenError ShapeFor(HttpContext context, HeyGenError error) =>
        LiveAvatarPaths.Owns(context.Request.Path) ? LiveAvatarErrors.From(error) : error;

    private static bool IsApiCall(HttpContext context) =>
        !context.WebSockets.IsWebSocketRequest && !HttpMethods.IsOptions(context.Request.Method) &&
        (context.Request.Path.StartsWithSegments("/v1") || context.Request.Path.StartsWithSegments("/v2"));

    /// <summary><c>/v1/streaming.new</c> → <c>streaming.new</c>; faults match on this name.</summary>
    public static string EndpointName(PathString path)
    {
        var value = path.Value ?? "";
        return value.Length > 4 && (value.StartsWith("/v1/", StringComparison.Ordinal) || value.StartsWith("/v2/", StringComparison.Ordinal)) ? value[4..] : value.TrimStart('/');
    }
}
