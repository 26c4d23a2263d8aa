namespace HeyGenEmulator.Media.Preparation;

/// <summary>How far one avatar's encode is: <paramref name="DoneSeconds"/> of its idle and talking clips out of <paramref name="TotalSeconds"/>.</summary>
public sealed record EncodeProgress(string Clip, double DoneSeconds, double TotalSeconds);
