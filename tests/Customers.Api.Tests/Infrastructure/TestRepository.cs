namespace Customers.Api.Tests.Infrastructure;

public static class TestRepository
{
    /// <summary>The checkout's root folder (where Customers.slnx is), found above the test binaries.</summary>
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Customers.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (Customers.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
