# The service and its web app in one image: build with the SDK, run on the ASP.NET Core runtime
# as the image's non-root user. Configured by environment variables only (README "Deploy").
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so that a code change reuses the restored layer.
COPY global.json Directory.Build.props Directory.Packages.props dotnet-tools.json ./
COPY src/Customers.Api/Customers.Api.csproj src/Customers.Api/
COPY src/Customers.Web/Customers.Web.csproj src/Customers.Web/
RUN dotnet restore src/Customers.Api/Customers.Api.csproj
COPY src/ src/
RUN dotnet publish src/Customers.Api/Customers.Api.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    Database__Provider=postgres \
    Database__MigrateOnStartup=false
EXPOSE 8080
# The runtime image's unprivileged user (APP_UID, 1654); the app writes nothing beside itself.
USER $APP_UID
# No curl in the runtime image: the service probes its own readiness (database reachable).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "Customers.Api.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "Customers.Api.dll"]
