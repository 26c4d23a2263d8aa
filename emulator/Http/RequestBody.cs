using System.Text.Json;
using HeyGenEmulator.Errors;

namespace HeyGenEmulator.Http;

/// <summary>Reads a request body as one JSON object, within the size limit, or throws the HeyGen error naming the problem.</summary>
public static class RequestBody
{
    public static async Task<JsonFields> ReadObjectAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(request, limit, cancellationToken);
        if (bytes.Length == 0 || bytes.AsSpan().Trim(" \t\r\n"u8).Length == 0)
            return JsonFields.Empty;
        // The parser checks UTF-8 only when a string is read, which would be a 500 deep in a handler.
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            throw HeyGenErrors.MalformedJson("it is not valid UTF-8").ToException();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw HeyGenErrors.MalformedJson(FirstLine(e.Message)).ToException();
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw HeyGenErrors.InvalidParameter($"request body must be a JSON object, not {Describe(document.RootElement.ValueKind)}").ToException();
        return new JsonFields(document.RootElement.Clone(), "");
    }

    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) throw HeyGenErrors.BodyTooLarge(limit).ToException();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit) throw HeyGenErrors.BodyTooLarge(limit).ToException();
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw HeyGenErrors.BodyTooLarge(limit).ToException();
        }
        return buffer.ToArray();
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    private static string FirstLine(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim().TrimEnd('.');
    }
}
