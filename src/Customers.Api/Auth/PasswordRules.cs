namespace Customers.Api.Auth;

/// <summary>
/// SPEC §2 (NIST SP 800-63B): at least <see cref="MinLength"/> characters and not one of the most
/// common passwords (the 10,000 of SecLists' breach list, shipped with the service); no other
/// composition rules.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 10;
    public const int MaxLength = 200;

    private static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the build");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line.Trim());
            }
        }
        return words;
    });

    /// <summary>Why <paramref name="password"/> may not be used, or null when it may.</summary>
    public static string? Problem(string? password) => password switch
    {
        null or "" => "password is required",
        { Length: < MinLength } => $"password must be at least {MinLength} characters",
        { Length: > MaxLength } => $"password may be at most {MaxLength} characters",
        _ when Common.Value.Contains(password) => "password is one of the most common passwords: choose another",
        _ => null,
    };

    public static int CommonCount => Common.Value.Count;
}
