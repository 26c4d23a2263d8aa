# The emulator in a container. Build context: the repository root.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish emulator -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg espeak-ng && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# The default avatar's clips, encoded once here into the bundle the emulator checks by hash at load: a new container
# streams at once instead of spending its first minute in ffmpeg.
RUN dotnet HeyGenEmulator.dll prepare-clips /app/avatar-clips --Emulator:Media:CacheDir=/tmp/clip-cache --Logging:LogLevel:Default=Warning \
    && rm -rf /tmp/clip-cache
ENTRYPOINT ["dotnet", "HeyGenEmulator.dll"]
