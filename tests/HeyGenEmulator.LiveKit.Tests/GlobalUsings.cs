global using Xunit;
global using HeyGenEmulator.WebRtc.Testing;
