namespace Customers.Api.Hosting;

public static class WebAppEndpoints
{
    /// <summary>
    /// The office web app (Blazor WebAssembly, src/Customers.Web): compressed, fingerprinted static
    /// files, and index.html for any other path outside /api so that its own routes work on
    /// reload. Unknown /api paths stay a 404 problem for API clients.
    /// </summary>
    public static WebApplication MapCustomersWebApp(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous().DisableRateLimiting();
        // Not under /api: there routing's own answers (404, 405, 415) must stand.
        app.MapFallbackToFile("{*path:nonfile:regex(^(?!api(/|$)).*$)}", "index.html").AllowAnonymous().DisableRateLimiting();
        // The constraint never matches an empty path, so the root has its own.
        app.MapFallbackToFile("/", "index.html").AllowAnonymous().DisableRateLimiting();
        return app;
    }
}
