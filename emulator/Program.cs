using HeyGenEmulator;

await EmulatorApp.Build(args).RunAsync();
