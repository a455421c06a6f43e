namespace Customers.Api.Data;

public static class MigrateCommand
{
    /// <summary>`migrate`: applies the migrations and exits, for deploy pipelines.</summary>
    public static async Task MigrateAndExitAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await DatabaseInitializer.MigrateAsync(scope.ServiceProvider, CancellationToken.None);
        Console.WriteLine($"Migrations applied ({scope.ServiceProvider.GetRequiredService<IDatabaseSetup>().Name}).");
    }
}
