namespace Customers.Web.Tests.Hosting;

/// <summary>The host serves the web app at / (any of its routes, on reload too) and keeps /api for the API.</summary>
public sealed class WebAppHostingTests(SqliteWebHost host) : IClassFixture<SqliteWebHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/customers/12")]
    [InlineData("/sign-in?expired=true")]
    public async Task App_routes_get_the_app_page(string path)
    {
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Loading the customers app");
    }

    [Fact]
    public async Task Unknown_api_routes_and_files_are_404_not_the_app_page()
    {
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };

        var api = await client.GetAsync(new Uri("/api/no-such-route", UriKind.Relative), Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await client.GetAsync(new Uri("/no-such-file.js", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
