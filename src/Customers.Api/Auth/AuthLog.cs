namespace Customers.Api.Auth;

internal static partial class AuthLog
{
    [LoggerMessage(LogLevel.Information, "Login succeeded for user {UserId} ({Role})")]
    public static partial void LoginSucceeded(this ILogger logger, int userId, string role);

    // The client's address is left out: the pair is in the database, an address is personal data.
    [LoggerMessage(LogLevel.Warning, "Logins of user {UserId} from one client blocked until {Until:u} after repeated failures")]
    public static partial void LoginsBlocked(this ILogger logger, int userId, DateTime until);

    [LoggerMessage(LogLevel.Warning, "Login refused for user {UserId}: its client is blocked after repeated failures")]
    public static partial void LoginRefusedBlocked(this ILogger logger, int userId);

    [LoggerMessage(LogLevel.Warning, "Login refused for user {UserId}: the account is disabled")]
    public static partial void LoginRefusedDisabled(this ILogger logger, int userId);
}
