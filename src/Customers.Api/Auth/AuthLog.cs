namespace Customers.Api.Auth;

internal static partial class AuthLog
{
    [LoggerMessage(LogLevel.Information, "Login succeeded for user {UserId} ({Role})")]
    public static partial void LoginSucceeded(this ILogger logger, int userId, string role);

    [LoggerMessage(LogLevel.Warning, "User {UserId} locked after repeated failed logins")]
    public static partial void AccountLocked(this ILogger logger, int userId);

    [LoggerMessage(LogLevel.Warning, "Login refused for locked user {UserId}")]
    public static partial void LoginRefusedLocked(this ILogger logger, int userId);
}
