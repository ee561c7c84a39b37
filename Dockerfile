# syntax=docker/dockerfile:1
# ProactiveReissue gateway: build with the .NET 10 SDK, run on the ASP.NET Core 10 runtime.
#   docker build -t proactive-reissue-gateway .
#   docker compose up            (see docker-compose.yml: two gateways on one Redis, WireMock)
# Every project the gateway references (ProjectReference, transitively) must be copied below: gateway/,
# adapters/ and monitoring/ (checked against the csproj files; tests/ is not part of the image).

############################ build ############################
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Repo-wide build settings first (central package versions, analyzers, SDK pin).
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ProactiveReissue.sln ./

# Project files only, so the restore layer is cached until a package reference changes.
COPY gateway/ProactiveReissue.Shep/ProactiveReissue.Shep.csproj gateway/ProactiveReissue.Shep/
COPY gateway/ProactiveReissue.Queue/ProactiveReissue.Queue.csproj gateway/ProactiveReissue.Queue/
COPY gateway/ProactiveReissue.Queue.Redis/ProactiveReissue.Queue.Redis.csproj gateway/ProactiveReissue.Queue.Redis/
COPY gateway/ProactiveReissue.Reissue/ProactiveReissue.Reissue.csproj gateway/ProactiveReissue.Reissue/
COPY adapters/ProactiveReissue.Adapters/ProactiveReissue.Adapters.csproj adapters/ProactiveReissue.Adapters/
COPY monitoring/ProactiveReissue.Monitoring/ProactiveReissue.Monitoring.csproj monitoring/ProactiveReissue.Monitoring/
COPY gateway/ProactiveReissue.Gateway/ProactiveReissue.Gateway.csproj gateway/ProactiveReissue.Gateway/
RUN dotnet restore gateway/ProactiveReissue.Gateway/ProactiveReissue.Gateway.csproj

# Sources, then publish.
COPY gateway/ gateway/
COPY adapters/ adapters/
COPY monitoring/ monitoring/
RUN dotnet publish gateway/ProactiveReissue.Gateway/ProactiveReissue.Gateway.csproj \
        -c Release -o /app --no-restore /p:UseAppHost=false

############################ runtime ############################
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

ENV ASPNETCORE_URLS=http://+:8080 \
    TZ=Asia/Almaty \
    DOTNET_NOLOGO=1

# /data holds the SQLite store and the dev PKI; created before VOLUME so a fresh named
# volume inherits the non-root owner. The image's built-in non-root user is "app" ($APP_UID).
RUN mkdir -p /data/pki && chown -R "$APP_UID":"$APP_UID" /data

COPY --from=build /app ./

USER $APP_UID
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "ProactiveReissue.Gateway.dll"]
