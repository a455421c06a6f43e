using Customers.Api.Customers.Search;

namespace Customers.Api.Extensions;

public static class SearchExtensions
{
    /// <summary>The background upkeep of PostgreSQL's search index (work claimed from a queue table).</summary>
    public static IHostApplicationBuilder AddSearchIndexing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section);
        builder.Services.AddSingleton<SearchIndexer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        return builder;
    }
}
