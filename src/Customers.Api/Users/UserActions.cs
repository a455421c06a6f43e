namespace Customers.Api.Users;

/// <summary>Audit actions of staff user management (§7: every user change is on record).</summary>
public static class UserActions
{
    public const string Create = "user.create";
    public const string Update = "user.update";
    public const string PasswordSet = "user.password_set";
}
