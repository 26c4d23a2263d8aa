using System.Text.Json;
using System.Text.Json.Nodes;
using HeyGenEmulator.Errors;

namespace HeyGenEmulator.Http;

/// <summary>The one place HeyGen's envelopes are written (heygen-wire.md §3).</summary>
public static class Envelope
{
    // HeyGen writes "+" and "'" literally; the default encoder's \u002B escapes would make bodies differ byte-for-byte.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>{"code":100,"message":"success","data":…}</c>.</summary>
    public static IResult Success<T>(T? data, string message = "success") =>
        Results.Json(new SuccessEnvelope<T>(100, message, data), Json);

    /// <summary>create_token's other style: <c>{"error":null,"data":{"token":…}}</c>.</summary>
    public static IResult Token(string token) => Data(new TokenData(token));

    /// <summary>The style of create_token and of HeyGen's /v2 resources (e.g. /v2/voices): <c>{"error":null,"data":…}</c>.</summary>
    public static IResult Data<T>(T data) => Results.Json(new DataEnvelope<T>(null, data), Json);

    /// <summary>LiveAvatar's success: <c>{"code":1000,"data":…,"message":"success"}</c>, with the status the endpoint answers.</summary>
    public static IResult LiveAvatar<T>(T? data, int status = StatusCodes.Status200OK) =>
        Results.Json(new LiveAvatarEnvelope<T>(LiveAvatarSuccessCode, data, "success"), Json, statusCode: status);

    public const int LiveAvatarSuccessCode = 1000;

    public static IResult Error(HeyGenError error) => Results.Json(error.ToBody(), Json, statusCode: error.Status);

    public static Task WriteErrorAsync(HttpContext context, HeyGenError error)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(error.ToBody().ToJsonString(Json));
    }
}
