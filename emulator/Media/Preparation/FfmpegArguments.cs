using System.Globalization;
using System.Text.RegularExpressions;
using FFMpegCore;
using FFMpegCore.Enums;

namespace HeyGenEmulator.Media.Preparation;

/// <summary>
/// Builds the ffmpeg commands (FFMpegCore): the drawn face, the user-video transcode, and the encoder settings. The
/// options are emitted in the order the hand-built argument lists had, so the command ffmpeg sees is unchanged.
/// </summary>
internal static partial class FfmpegArguments
{
    private static readonly string[] FontCandidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ];

    public static string? FindFont() => FontCandidates.FirstOrDefault(File.Exists);

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>
    /// A drawn avatar: coloured background, round face with two eyes and a mouth, the name underneath.
    /// Idle: closed mouth, a blink halfway through, the head bobbing gently once per loop (seamless).
    /// Talking: the mouth opens and closes 4 times a second (a whole number of times per loop).
    /// The face is computed by geq at half size and scaled up, because geq per pixel is the expensive part.
    /// </summary>
    public static FFMpegArguments DrawnClip(QualityProfile q, bool talking, double seconds, int fps, string? fontFile, string? nameFile)
    {
        int w = q.Width, h = q.Height;
        int face = Even(h * 0.7), half = Even(face / 2.0);
        string T = F(seconds);
        // mouth half-height as a fraction of the face size
        string mouthRy = talking ? "(0.012+0.075*abs(sin(PI*T*4)))" : "0.022";
        // eyes: both at |X-W/2| = 0.16W, squashed vertically while blinking
        string blink = $"if(between(mod(T,{T}),{F(seconds / 2)},{F(seconds / 2 + 0.16)}),8,1)";
        string mouth = $"lt(hypot((X-W*0.5)/(W*0.17),(Y-H*0.72)/(W*{mouthRy})),1)";
        string eye = $"lt(hypot(abs(X-W*0.5)-W*0.16,(Y-H*0.4)*{blink}),W*0.06)";
        string Pick(int m, int e, int skin) => $"'if({mouth},{m},if({eye},{e},{skin}))'";
        string geq = $"geq=r={Pick(150, 30, 240)}:g={Pick(30, 30, 200)}:b={Pick(40, 45, 160)}:a='if(lte(hypot(X-W/2,Y-H/2),W*0.48),255,0)'";
        string bob = talking ? "0" : $"{F(h / 90.0)}*sin(2*PI*t/{T})";
        string background = talking ? "0x2f5f8f" : "0x3b6ea5"; // talking slightly darker: visibly different loops

        string graph =
            $"color=c={background}:s={w}x{h}:r={fps}:d={T}[bg];" +
            $"color=c=black:s={half}x{half}:r={fps}:d={T},format=rgba,{geq},scale={face}:{face}:flags=bicubic[face];" +
            $"[bg][face]overlay=x=(W-w)/2:y=(H-h)/2-{F(h * 0.06)}+{bob}:format=auto:shortest=1";
        if (fontFile is not null && nameFile is not null)
            graph += $",drawtext=fontfile='{fontFile}':textfile='{nameFile}':expansion=none:fontsize={Math.Max(12, h / 12)}" +
                     ":fontcolor=white:borderw=2:bordercolor=black@0.6:x=(w-tw)/2:y=h-th-h/24";
        graph += ",format=yuv420p";
        return FFMpegArguments.FromInput(new FilterGraphInput(graph), i => i.WithCustomArgument(Globals));
    }

    /// <summary>Quiet, with machine-readable progress on stdout (the preparer reports it), overwriting the output.</summary>
    private const string Globals = FfmpegText.Quiet + " -nostats -progress pipe:1 -y";

    /// <summary>A user video looped, resampled to the frame rate, fitted into the frame with black bars, then cut.</summary>
    public static FFMpegArguments SourceClip(string sourcePath) =>
        FFMpegArguments.FromInput(new FileInput(sourcePath), i => i.WithCustomArgument(Globals).WithStreamLoop(-1));

    /// <summary>Output options of <see cref="SourceClip(string)"/>: video only, fitted and cut.</summary>
    public static Action<FFMpegOutputOptions> SourceClipFilter(QualityProfile q, double start, double seconds, int fps) => o => o
        .DisableAudio().DisableSubtitles().DisableData()
        .WithCustomArgument("-vf " + FfmpegText.Quote(
            $"fps={fps},scale={q.Width}:{q.Height}:force_original_aspect_ratio=decrease,setsar=1," +
            $"pad={q.Width}:{q.Height}:(ow-iw)/2:(oh-ih)/2:color=black," +
            $"trim=start={F(start)}:duration={F(seconds)},setpts=PTS-STARTPTS,format=yuv420p"));

    /// <summary>
    /// Encoder settings for WebRTC: constant-ish bitrate, fixed key frame interval, no B-frames or alt-ref frames
    /// (every packet is a shown frame, so one packet = one RTP frame), realtime speed.
    /// </summary>
    public static void Encoder(FFMpegOutputOptions o, VideoCodec codec, int kbps, int keyInterval, int frames)
    {
        string b = $"{kbps}k";
        o.WithFrameCount(frames).WithThreads(2);
        if (codec == VideoCodec.Vp8)
            o.WithVideoCodec("libvpx").WithCustomArgument("-deadline realtime -cpu-used 6")
                .WithVideoBitrate(kbps).WithCustomArgument($"-minrate {b}").WithMaxBitrate(kbps).WithBufferSize(kbps * 2)
                .WithGopSize(keyInterval).WithCustomArgument($"-keyint_min {keyInterval}")
                .WithCustomArgument("-auto-alt-ref 0 -lag-in-frames 0 -error-resilient 1").ForceFormat("ivf");
        else
            o.WithVideoCodec("libx264").WithVideoProfile(VideoProfile.Baseline).WithSpeedPreset(EncoderPreset.VeryFast)
                .WithTune(EncoderTune.ZeroLatency).WithCustomArgument("-bf 0")
                .WithGopSize(keyInterval).WithCustomArgument($"-keyint_min {keyInterval} -sc_threshold 0")
                .WithVideoBitrate(kbps).WithMaxBitrate(kbps).WithBufferSize(kbps)
                // one slice per picture; SPS/PPS and an AUD before every IDR / picture
                .WithCustomArgument("-x264-params sliced-threads=0:repeat-headers=1:aud=1")
                .WithBitstreamFilter(StreamType.Video, BitstreamFilter.H264_Mp4ToAnnexB).ForceFormat("h264");
    }

    /// <summary>Filter-graph option values are quoted; anything outside this set goes via a safe temp copy.</summary>
    public static bool IsFilterSafePath(string path) => SafePath().IsMatch(path);

    [GeneratedRegex("^[A-Za-z0-9/._+-]+$")]
    private static partial Regex SafePath();

    private static int Even(double v) => Math.Max(2, (int)Math.Round(v / 2) * 2);
}
