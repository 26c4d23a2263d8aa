using System.Text.Json;
using HeyGenEmulator.Api;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Http;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Tests;

public sealed class ValidationTests
{
    private static JsonFields Body(string json) => new(JsonDocument.Parse(json).RootElement.Clone(), "");

    private static HeyGenError Error(Action act) => Assert.Throws<HeyGenException>(act).Error;

    [Fact]
    public void The_sdk_2_0_8_body_for_seed_000_parses()
    {
        var request = NewSessionFields.Read(Body("""{"avatar_name":"73c84e2b886940099c5793b085150f2f","quality":"low","voice":{},"version":"v2","video_encoding":"H264","source":"sdk"}"""));
        Assert.Equal("73c84e2b886940099c5793b085150f2f", request.AvatarKey);
        Assert.Equal(VideoQuality.Low, request.Quality);
        Assert.Equal(ApiVersion.V2, request.Version);
        Assert.Equal(VideoEncoding.H264, request.VideoEncoding);
        Assert.Null(request.VoiceId);
    }

    [Fact]
    public void Null_counts_as_absent()
    {
        var request = NewSessionFields.Read(Body("""{"quality":null,"voice":null,"activity_idle_timeout":null}"""));
        Assert.Null(request.Quality);
        Assert.Null(request.ActivityIdleTimeout);
    }

    [Theory]
    [InlineData("""{"activity_idle_timeout":29}""", "activity_idle_timeout must be between 30 and 3600 (got 29)")]
    [InlineData("""{"activity_idle_timeout":3601}""", "activity_idle_timeout must be between 30 and 3600 (got 3601)")]
    [InlineData("""{"activity_idle_timeout":60.5}""", "activity_idle_timeout must be an integer, not a number")]
    [InlineData("""{"voice":{"emotion":"angry"}}""", "voice.emotion must be one of: excited, serious, friendly, soothing, broadcaster (got 'angry')")]
    [InlineData("""{"stt_settings":{"confidence":2}}""", "stt_settings.confidence must be between 0 and 1 (got 2)")]
    [InlineData("""{"voice":{"elevenlabs_settings":[]}}""", "voice.elevenlabs_settings must be an object, not an array")]
    public void Invalid_fields_are_named(string json, string detail)
    {
        var error = Error(() => NewSessionFields.Read(Body(json)));
        Assert.Equal((400, 400175, "Invalid parameter: " + detail), (error.Status, error.Code, error.Message));
    }

    [Fact]
    public void Emotion_and_encoding_are_case_insensitive_like_the_docs()
    {
        var request = NewSessionFields.Read(Body("""{"voice":{"emotion":"Excited"},"video_encoding":"vp8"}"""));
        Assert.Equal("excited", request.Emotion);
        Assert.Equal(VideoEncoding.Vp8, request.VideoEncoding);
    }

    [Theory]
    [InlineData("""{"text":"hi"}""")]
    [InlineData("""{"session_id":"","text":"hi"}""")]
    [InlineData("""{"session_id":"   ","text":"hi"}""")]
    public void A_missing_session_id_is_unauthorized_as_heygen_answers(string json) =>
        Assert.Equal(400112, Error(() => TaskRequest.Read(Body(json), new EmulatorOptions().MaxTaskTextLength)).Code);

    [Theory]
    [InlineData("""{"session_id":"s"}""")]
    [InlineData("""{"session_id":"s","text":"  "}""")]
    public void A_task_needs_text(string json) =>
        Assert.Equal("Missing required input parameters: text", Error(() => TaskRequest.Read(Body(json), new EmulatorOptions().MaxTaskTextLength)).Message);

    [Fact]
    public void Task_defaults_are_repeat_and_sync()
    {
        // task_mode: "default is sync" (https://docs.heygen.com/reference/send-task).
        var task = TaskRequest.Read(Body("""{"session_id":"s","text":"hello"}"""), new EmulatorOptions().MaxTaskTextLength);
        Assert.Equal((TaskType.Repeat, TaskMode.Sync), (task.Type, task.Mode));
    }
}
